#!/usr/bin/env bash
# Runs every test of the reactor on a fresh machine: installs what the tests need first.
set -euo pipefail
cd "$(dirname "$0")/.."

# The console's browser test drives Debian's chromium through chromedriver.
bash admin-console/install-test-deps.sh

# pool-jdbc's tests start a real PostgreSQL server of their own from Debian's binaries.
bash pool-jdbc/install-test-deps.sh

# The engine's virtual-thread tests run on a JDK 21+ (JDK21_HOME, else the newest under /usr/lib/jvm).
if ! jdk21="$(bash scripts/find-jdk21.sh)"; then
  echo "test-all: no JDK 21 or newer found (set JDK21_HOME): the virtual-thread tests need one" >&2
  exit 1
fi

# clean: pool-bench compiles against another Stormpot on another JDK (run.sh below), so a
# previous run's classes must never be reused.
# -P servers: the sample WAR under examples/ is deployed to WildFly and Open Liberty, each unpacked
# from its distribution zip and started on free loopback ports by the integration tests.
mvn -B -ntp clean verify -P servers -Djdk21.home="$jdk21" "$@"

# Keeps the benchmarks compiling and running (every pool, every scenario, very briefly).
bash pool-bench/run.sh --smoke
