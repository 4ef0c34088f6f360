#!/usr/bin/env bash
# SIGTERM soak: starts the packaged examples/hello-service jar as a separate process, round after
# round, loads it over keep-alive connections, sends SIGTERM and counts every request sent against
# every complete response received (io.chassis.benchmarks.ShutdownSoak). Exits non-zero when a
# single request was dropped, a response broke the shutdown protocol (a 503 without
# Connection: close, a connection left open after Connection: close) or the process exited with
# another status than 143.
#
# Usage: benchmarks/shutdown-soak.sh
#   ROUNDS=50 CONNECTIONS=16 RATE=500 (requests per second, all connections together)
#   DRAIN=200ms GRACE=2s (the service's chassis.shutdown.drain-delay and grace-period)
#   BUILD=1 packages the jar and the soak first (it does when either is missing)
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=examples/hello-service/target/hello-service.jar
CLASSES=benchmarks/target/classes
if [ "${BUILD:-0}" = "1" ] || [ ! -f "$JAR" ] || [ ! -f "$CLASSES/io/chassis/benchmarks/ShutdownSoak.class" ]; then
  mvn -B -q -ntp package -DskipTests -pl examples/hello-service,benchmarks -am
fi

exec java -cp "$CLASSES" io.chassis.benchmarks.ShutdownSoak \
  --jar "$JAR" \
  --rounds "${ROUNDS:-50}" \
  --connections "${CONNECTIONS:-16}" \
  --rate "${RATE:-500}" \
  --drain "${DRAIN:-200ms}" \
  --grace "${GRACE:-2s}"
