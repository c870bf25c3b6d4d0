#!/usr/bin/env bash
# The whole suite, fastest layers first: build the package as it ships, lint it with n8n's
# community rules, type-check everything (tests and sandbox included), then run jest
# (transport units, sandbox conformance, the nodes inside n8n's engine, the pack check).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== build"
npm run --silent build
echo "== lint"
npm run --silent lint
echo "== type-check (dev tree)"
npx tsc -p tsconfig.dev.json --noEmit
echo "== jest"
npx jest "$@"
