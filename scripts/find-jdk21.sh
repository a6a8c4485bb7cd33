#!/usr/bin/env bash
# Prints the home of a JDK 21 or newer: JDK21_HOME or JAVA21_HOME if set (first set wins), else the
# newest such JDK under /usr/lib/jvm. Exits 1, printing nothing, when there is none.
set -euo pipefail

java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = //p' | cut -d. -f1
}

for named in "${JDK21_HOME:-}" "${JAVA21_HOME:-}"; do
  if [[ -n "$named" ]]; then
    echo "$named"
    exit 0
  fi
done

best="" best_major=0
for home in /usr/lib/jvm/*/; do
  home="${home%/}"
  [[ -x "$home/bin/javac" ]] || continue
  major="$(java_major "$home")"
  if [[ "$major" =~ ^[0-9]+$ ]] && (( major >= 21 && major > best_major )); then
    best="$home" best_major="$major"
  fi
done
[[ -n "$best" ]] || exit 1
echo "$best"
