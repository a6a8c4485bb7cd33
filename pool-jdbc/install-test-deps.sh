#!/usr/bin/env bash
# Installs what pool-jdbc's tests need: a PostgreSQL server's binaries (Debian's postgresql).
# The tests start their own server with initdb and pg_ctl in a temporary directory, on a free
# loopback port, and stop it when they end; so no cluster is created or started here.
# Idempotent and non-interactive, so the project's test command can call it on every run
# (as root in CI, with no stdin).
set -euo pipefail

if [ -n "${SCOPEPOOL_PG_BIN:-}" ] && [ -x "$SCOPEPOOL_PG_BIN/initdb" ]; then
    exit 0
fi
for bin in /usr/lib/postgresql/*/bin; do
    if [ -x "$bin/initdb" ] && [ -x "$bin/pg_ctl" ]; then
        exit 0
    fi
done

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi

# Debian's package would otherwise create and start a "main" cluster on port 5432.
$SUDO mkdir -p /etc/postgresql-common
if ! grep -qs '^create_main_cluster *= *false' /etc/postgresql-common/createcluster.conf; then
    echo 'create_main_cluster = false' | $SUDO tee -a /etc/postgresql-common/createcluster.conf > /dev/null
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
# Keep the createcluster.conf written above when the package brings its own (no prompt, no stdin).
$SUDO apt-get install -y -q --no-install-recommends \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold postgresql < /dev/null
