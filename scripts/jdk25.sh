# Sourced by ./asyncio4j, ./run-tests and the bench scripts: finds a JDK 25 or newer and exports
# JAVA_HOME (and PATH, MAVEN_OPTS) for it. JAVA_HOME wins when it points at one; otherwise the
# newest /usr/lib/jvm/*25* (or later) is used. Prints one line saying what to install when none
# is found, and returns 1.

asyncio4j_java_major() {
    # The feature version of the java binary in $1/bin, or 0.
    local release="$1/release" version
    if [ -r "$release" ]; then
        version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")
    fi
    if [ -z "$version" ] && [ -x "$1/bin/java" ]; then
        version=$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)
    fi
    echo "${version:-0}"
}

asyncio4j_find_jdk() {
    local candidate
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] \
            && [ "$(asyncio4j_java_major "$JAVA_HOME")" -ge 25 ]; then
        echo "$JAVA_HOME"
        return 0
    fi
    for candidate in $(ls -d /usr/lib/jvm/*2[5-9]* /usr/lib/jvm/*3[0-9]* 2>/dev/null | sort -r); do
        if [ -x "$candidate/bin/javac" ] && [ "$(asyncio4j_java_major "$candidate")" -ge 25 ]; then
            echo "$candidate"
            return 0
        fi
    done
    return 1
}

if jdk=$(asyncio4j_find_jdk); then
    export JAVA_HOME="$jdk"
    export PATH="$JAVA_HOME/bin:$PATH"
    # Maven's own libraries use sun.misc.Unsafe; JDK 25 warns about that on every run.
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
    unset jdk
else
    echo "asyncio4j needs a JDK 25: install one (Debian/Ubuntu: apt install temurin-25-jdk from Adoptium's repository, or download it from https://adoptium.net) and set JAVA_HOME to it." >&2
    return 1 2>/dev/null || exit 1
fi

if ! command -v mvn >/dev/null 2>&1; then
    echo "asyncio4j builds with Apache Maven 3.8 or newer: install it (Debian/Ubuntu: apt install maven)." >&2
    return 1 2>/dev/null || exit 1
fi
