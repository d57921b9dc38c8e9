# Sourced by ./nanomind, ./mvnw and .ci/run: makes JAVA_HOME a JDK 25 or newer.
# Looks at JAVA_HOME, then `java` on PATH, then the JDKs under /usr/lib/jvm (these machines carry
# Temurin 25 there while the default java is 17). Prints what to install when none is found.

nanomind_java_major() { # $1: a java binary; prints its feature version (17, 25, ...)
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

nanomind_find_jdk25() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" \
                   "$(command -v java >/dev/null 2>&1 && dirname "$(dirname "$(readlink -f "$(command -v java)")")")" \
                   /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(nanomind_java_major "$candidate/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

if NANOMIND_JDK=$(nanomind_find_jdk25); then
  export JAVA_HOME="$NANOMIND_JDK"
  export PATH="$JAVA_HOME/bin:$PATH"
else
  cat >&2 <<'MSG'
nanomind: no JDK 25 found (looked at JAVA_HOME, `java` on PATH, and /usr/lib/jvm/*).
Install one, then run the command again:
  Debian/Ubuntu: add the Adoptium repository (https://adoptium.net/installation/linux/) and
                 apt-get install temurin-25-jdk
  elsewhere:     download Temurin 25 from https://adoptium.net/temurin/releases/?version=25
                 and set JAVA_HOME to its folder.
MSG
  return 1 2>/dev/null || exit 1
fi
