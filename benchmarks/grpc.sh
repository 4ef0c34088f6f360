#!/usr/bin/env bash
# gRPC under h2load: unary GetRate (EUR/USD, benchmarks/h2load/getrate-eur-usd.bin) on one server, as req/s.
#
#   benchmarks/grpc.sh PORT   loads a server already listening on 127.0.0.1:PORT (e.g. the packaged
#                             currency-service started with CHASSIS_GRPC_PORT=PORT)
#   benchmarks/grpc.sh        builds the benchmarks, starts the bare grpc-java server (BareGrpcCurrency:
#                             the same CurrencyServiceImpl, no interceptors) on $BARE_PORT, loads it, stops it
#
# REQUESTS=200000 WARMUP=100000 CLIENTS=16 STREAMS=10 change the load; SKIP_BUILD=1 uses what was built;
# MVN="mvn -B -q -o" picks the Maven command.
# h2load counts HTTP statuses, and a failed gRPC call is still HTTP 200 (grpc-status is in the trailers).
# So the run also checks the DATA bytes received: every OK reply to this request is one 31-byte message
# (5-byte prefix + Rate{EUR, USD, "1.0823", as_of}); a failed call sends none.
set -euo pipefail
cd "$(dirname "$0")/.."

REQUESTS=${REQUESTS:-200000}
WARMUP=${WARMUP:-100000}      # the JIT needs a while to settle on 2 cores
CLIENTS=${CLIENTS:-16}        # connections
STREAMS=${STREAMS:-10}        # concurrent calls per connection
BARE_PORT=${BARE_PORT:-19090}
JVM_FLAGS=${JVM_FLAGS:--Xms256m -Xmx256m -XX:+UseParallelGC}
MVN=${MVN:-mvn -B -q -ntp}
FRAME=benchmarks/h2load/getrate-eur-usd.bin
REPLY_BYTES=31

if ! command -v h2load >/dev/null 2>&1; then
  echo "installing h2load (nghttp2-client) ..."
  if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && apt-get install -y -qq --no-install-recommends nghttp2-client >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq --no-install-recommends nghttp2-client >/dev/null; fi
fi

PID=
stop() { if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi; }
trap stop EXIT

if [ $# -ge 1 ]; then
  port=$1
  name="server on port $port"
else
  if [ -z "${SKIP_BUILD:-}" ]; then
    $MVN install -DskipTests -pl benchmarks -am
  fi
  port=$BARE_PORT
  name=bare-grpc-java
  # shellcheck disable=SC2086
  java $JVM_FLAGS --enable-native-access=ALL-UNNAMED \
    -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
    io.chassis.benchmarks.BareGrpcCurrency "$port" > /tmp/chassis-bench-grpc.log 2>&1 &
  PID=$!
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    kill -0 "$PID" 2>/dev/null || { echo "server died:"; cat /tmp/chassis-bench-grpc.log; exit 1; }
    sleep 0.05
  done
fi

load() {
  h2load -n "$1" -c "$CLIENTS" -m "$STREAMS" -t 1 -d "$FRAME" \
    -H 'content-type: application/grpc' -H 'te: trailers' \
    "http://127.0.0.1:$port/currency.v1.CurrencyService/GetRate"
}

load "$WARMUP" > /dev/null
out=$(load "$REQUESTS")
succeeded=$(echo "$out" | sed -nE 's/^requests: .* ([0-9]+) succeeded.*/\1/p')
data=$(echo "$out" | sed -nE 's/^traffic:.* \(([0-9]+)\) data$/\1/p')
rps=$(echo "$out" | sed -nE 's/^finished in .*, ([0-9.]+) req\/s.*/\1/p')
if [ "$succeeded" != "$REQUESTS" ] || [ "$data" -lt $((REQUESTS * REPLY_BYTES)) ]; then
  echo "$out" | grep -E '^(finished|requests|status codes|traffic)'
  echo "not every call succeeded: $succeeded of $REQUESTS HTTP-succeeded, $data DATA bytes (expected $((REQUESTS * REPLY_BYTES)))" >&2
  exit 1
fi
echo "h2load: $REQUESTS GetRate calls, $CLIENTS connections x $STREAMS streams, $WARMUP warm-up; JVM: $JVM_FLAGS"
printf '%-26s %10s req/s\n' "$name" "$rps"
