#!/usr/bin/env bash
# Builds pool-bench if needed and compares scopepool with its peers; prints a Markdown report.
#
#   pool-bench/run.sh            full run: every pool in every scenario (about 18 minutes on 2 cores)
#   pool-bench/run.sh --smoke    every pool in every scenario once, briefly: proves they run, measures
#                                nothing; ends with a plain "smoke: N passed, N failed" line
#   pool-bench/run.sh --out F    also writes the report to F
#   pool-bench/run.sh --only S   runs only section(s) S (comma-separated): pair, hold, jdbc,
#                                virtual-threads, jdbc-virtual-threads, postgres
#
# The postgres section starts PostgreSQL servers of its own from Debian's binaries
# (pool-jdbc/install-test-deps.sh installs them); without them a full run fails and says so.
#
# Runs on the JDK named by BENCH_JAVA_HOME, JDK21_HOME or JAVA21_HOME (first set wins), else the
# newest JDK 21+ under /usr/lib/jvm (Stormpot 4 and the virtual-thread scenario need one), else the
# default JDK, with Stormpot 3.2 and without virtual threads. Exits non-zero if the build or any
# benchmark fails.
set -euo pipefail
cd "$(dirname "$0")/.."

java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = //p' | cut -d. -f1
}

pick_jdk() {
  if [[ -n "${BENCH_JAVA_HOME:-}" ]]; then
    echo "$BENCH_JAVA_HOME"
    return
  fi
  local best
  if best="$(bash scripts/find-jdk21.sh)"; then
    echo "$best"
  elif [[ -n "${JAVA_HOME:-}" ]]; then
    echo "$JAVA_HOME"
  else
    dirname "$(dirname "$(readlink -f "$(command -v java)")")"
  fi
}

jdk="$(pick_jdk)"
jvm_args=()
if (( $(java_major "$jdk") >= 24 )); then
  # JMH and Maven's Guava use sun.misc.Unsafe; JDK 24+ warns about it on every start.
  jvm_args+=(--sun-misc-unsafe-memory-access=allow)
fi
jar=pool-bench/target/benchmarks.jar
built_with=pool-bench/target/benchmarks.jdk

# Rebuild when the jar is missing, older than any source or pom, or from another JDK (which
# selects another Stormpot; a stale incremental compile would link against the wrong one).
needs_build() {
  [[ -f "$jar" && -f "$built_with" ]] || return 0
  [[ "$(cat "$built_with")" == "$jdk" ]] || return 0
  # A reactor build (mvn verify on another JDK) rewrote the jar after this script built it,
  # possibly from classes compiled against the other Stormpot: start again from scratch.
  [[ "$jar" -nt "$built_with" ]] && return 0
  [[ -z "$(find pom.xml pool-api pool-impl pool-jdbc pool-bench -newer "$jar" \
            \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) \
            -not -path '*/target/*' -print -quit)" ]] || return 0
  return 1
}

if needs_build; then
  echo "pool-bench: building with $jdk" >&2
  rm -rf pool-bench/target
  JAVA_HOME="$jdk" MAVEN_OPTS="${MAVEN_OPTS:-} ${jvm_args[*]}" \
    mvn -q -B -ntp -Dstyle.color=never -pl pool-bench -am package -DskipTests
  echo "$jdk" > "$built_with"
fi

cd pool-bench
exec "$jdk/bin/java" "${jvm_args[@]}" -cp target/benchmarks.jar dev.scopepool.bench.PeerComparison "$@"
