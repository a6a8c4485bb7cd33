#!/usr/bin/env bash
# Runs every test of the reactor on a fresh machine: installs what the tests need first.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -ntp verify "$@"
