#!/usr/bin/env bash
# The whole suite, fastest layers first: build the package as it ships, lint it (n8n's template
# rules for shipped code, the dev folders' own rules), type-check everything (tests, sandbox, e2e, bench), run jest (transport units,
# sandbox conformance, the nodes inside n8n's engine, the pack check), then the package inside
# real n8n (2.41.1 and 1.123.50, installed from npm into a cache outside the clone), and 2.41.1 in
# queue mode (Postgres and Redis from Debian's packages, started on loopback).
# Every layer runs even when an earlier one failed; the last line adds them up.
# With CI=true the n8n cache starts empty, so every CI run proves the install a new machine makes
# (a warm cache once hid a missing build step); GHL_E2E_CACHE overrides both.
set -uo pipefail
cd "$(dirname "$0")/.."

if [ "${CI:-}" = "true" ] && [ -z "${GHL_E2E_CACHE:-}" ]; then
	GHL_E2E_CACHE="$(mktemp -d "${TMPDIR:-/tmp}/ghl-e2e-cache.XXXXXX")"
	export GHL_E2E_CACHE
	trap 'rm -rf "$GHL_E2E_CACHE"' EXIT
	echo "CI: real n8n is installed from an empty cache, $GHL_E2E_CACHE"
fi

failed_steps=0
step() {
	echo "== $1"
	shift
	"$@" || { echo "!! step failed: $*"; failed_steps=$((failed_steps + 1)); }
}

step build npm run --silent build
step lint npm run --silent lint
step "type-check" npx tsc -p tsconfig.dev.json --noEmit

counts="$(mktemp)"
step jest env GHL_COUNTS_FILE="$counts" npx jest "$@"
e2e_log="$(mktemp)"
step "real n8n" bash -c "npx ts-node --transpile-only e2e/run.ts --no-build 2>&1 | tee '$e2e_log'"
e2e_line="$(grep -E '^e2e: [0-9]+ passed, [0-9]+ failed' "$e2e_log" | tail -n1)"

read -r passed failed < <(
	node -e '
		const fs = require("fs");
		let passed = 0, failed = 0;
		for (const line of fs.readFileSync(process.argv[1], "utf8").split("\n").filter(Boolean)) {
			const c = JSON.parse(line); passed += c.passed; failed += c.failed;
		}
		const e2e = /^e2e: (\d+) passed, (\d+) failed/.exec(process.argv[2] || "");
		if (e2e) { passed += Number(e2e[1]); failed += Number(e2e[2]); }
		console.log(passed, failed);
	' "$counts" "$e2e_line"
)
rm -f "$counts" "$e2e_log"
# A step that failed without a test count (build, lint, type-check, a crashed runner) counts too.
failed=$((failed + failed_steps))
echo
echo "total: ${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
