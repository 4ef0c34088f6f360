#!/usr/bin/env bash
# An authenticated route against a public one: one SecuredVsPublic server (metrics and access log on, no
# tracing; chassis-security with an RS256 issuer whose public key is a static file) answers
#
#   public  GET /public/hello   an access rule makes it public: no token is read
#   secure  GET /secure/hello   the default once chassis-security is there: the bearer token is verified
#                               (nimbus, chassis-security's cache of verified tokens), the access rules
#                               run, the subject goes to the MDC and the access line
#
# wrk sends the same Authorization header to both, so the bytes on the wire are the same. Measured against
# each other by pair.sh (which says how), target secure/public >= 0.85 (issue #14).
#
# Run it holding the Maven lock, so that no build runs next to it (it builds first, under that same lock):
#   flock /tmp/chassis-mvn.lock bash benchmarks/security.sh
# Options (ROUNDS, REGIMES, DURATION, CONNECTIONS, warm-up, JVM_FLAGS, ports, LOGS, SKIP_BUILD): see pair.sh.
set -Eeuo pipefail
cd "$(dirname "$0")/.."
LOGS=${LOGS:-/tmp/chassis-security-bench}
if [ -z "${SKIP_BUILD:-}" ]; then
  # shellcheck disable=SC2086
  ${MVN:-mvn -B -q -ntp} install -DskipTests -pl benchmarks -am
  SKIP_BUILD=1  # built: pair.sh need not build again
fi
SECURITY_CP="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt):$(cat benchmarks/target/security-classpath.txt)"
mkdir -p "$LOGS"
"${JAVA:-java}" -cp "$SECURITY_CP" io.chassis.benchmarks.SecuredVsPublic keys "$LOGS"
PAIR_TITLE="JWT-authenticated route vs public route" PAIR_CLASS=io.chassis.benchmarks.SecuredVsPublic
SERVER_ARGS=("$LOGS")
A=public A_PATH=/public/hello B=secure B_PATH=/secure/hello TARGET=0.85
REQUEST_HEADERS=("Authorization: Bearer $(cat "$LOGS/token")")
EXTRA_CP=$(cat benchmarks/target/security-classpath.txt)
# shellcheck source=pair.sh
source benchmarks/pair.sh
