#!/usr/bin/env bash
# Builds the reactor (tests skipped) and starts the admin console with its demo pools.
# Arguments go to the console: try --help.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -ntp package -DskipTests -pl admin-console -am
exec java -jar admin-console/target/admin-console.jar "$@"
