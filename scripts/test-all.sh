#!/usr/bin/env bash
# Runs every test of the reactor on a fresh machine: installs what the tests need first.
set -euo pipefail
cd "$(dirname "$0")/.."

# The console's browser test drives Debian's chromium through chromedriver.
bash admin-console/install-test-deps.sh

# clean: pool-bench compiles against another Stormpot on another JDK (run.sh below), so a
# previous run's classes must never be reused.
mvn -B -ntp clean verify "$@"

# Keeps the benchmarks compiling and running (every pool, every scenario, very briefly).
bash pool-bench/run.sh --smoke
