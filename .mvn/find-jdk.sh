# Sourced by ./mvnw, ./clausewatch and .ci/run: makes JAVA_HOME point at a JDK >= 21.
# Order: JAVA_HOME if it is new enough, then `java` on PATH, then JDKs under /usr/lib/jvm
# and /opt (newest first). Prints what is missing and returns 1 when none is found.
clausewatch_java_major() { # $1 = path to a java executable; prints its feature version
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}
clausewatch_find_jdk() {
  local need=21 candidate major
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(clausewatch_java_major "$JAVA_HOME/bin/java")
    [ "${major:-0}" -ge "$need" ] && return 0
  fi
  if command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    major=$(clausewatch_java_major "$candidate/bin/java")
    if [ "${major:-0}" -ge "$need" ]; then export JAVA_HOME="$candidate"; return 0; fi
  fi
  for candidate in $(ls -d /usr/lib/jvm/*/ /opt/*jdk*/ /opt/java/*/ 2>/dev/null | sort -rV); do
    candidate=${candidate%/}
    [ -x "$candidate/bin/javac" ] || continue
    major=$(clausewatch_java_major "$candidate/bin/java")
    if [ "${major:-0}" -ge "$need" ]; then export JAVA_HOME="$candidate"; return 0; fi
  done
  echo "Clausewatch needs a JDK $need or newer (javac included)." >&2
  echo "  JAVA_HOME=${JAVA_HOME:-<unset>}; java on PATH: $(command -v java || echo none) ($(java -version 2>&1 | head -n 1))" >&2
  echo "  Install one (e.g. Temurin 21+) and set JAVA_HOME to it." >&2
  return 1
}
