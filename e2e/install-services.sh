#!/usr/bin/env bash
# Makes sure the two servers n8n's queue mode needs are on this machine: PostgreSQL (n8n's
# database) and Redis (its job queue). Both come from Debian's packages, the one registry here
# that ships Redis (npm has Postgres binaries, but no Redis server). Installed once per machine;
# the suite starts its own throwaway instances on loopback and never uses the system services.
# Prints the folder of the PostgreSQL binaries and the path of redis-server.
#   usage: e2e/install-services.sh
set -euo pipefail

postgres_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1; }
have_all() { [ -n "$(postgres_bin)" ] && [ -x "$(postgres_bin)/initdb" ] && command -v redis-server >/dev/null; }

if ! have_all; then
  if [ "$(id -u)" != 0 ]; then
    echo "PostgreSQL or Redis is missing and installing Debian packages needs root:" >&2
    echo "  sudo apt-get install -y --no-install-recommends postgresql redis-server" >&2
    exit 1
  fi
  echo "installing postgresql and redis-server from Debian's packages (once per machine)" >&2
  export DEBIAN_FRONTEND=noninteractive
  install() { apt-get install -y -q --no-install-recommends postgresql redis-server >&2; }
  # A new machine may have no package lists yet.
  install || { apt-get update -q >&2 && install; }
fi
have_all || { echo "postgresql or redis-server still missing after the install" >&2; exit 1; }
postgres_bin
command -v redis-server
