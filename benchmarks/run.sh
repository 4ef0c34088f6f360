#!/usr/bin/env bash
# Loads the chassis hello routes and the same route on bare Undertow, on loopback, in one run, and
# prints the ratios. Usage: benchmarks/run.sh   (DURATION=20s CONNECTIONS=64 to change the load;
# ROUNDS=3 (odd) repeats the whole set and prints each ratio's median, which evens out a noisy machine).
# Then the one-core regime with the Helidon SE peer (benchmarks/one-core.sh, same ROUNDS); ONE_CORE=0 skips it.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-15s}   # the JIT needs this long to settle on 2 cores
CONNECTIONS=${CONNECTIONS:-64}
JVM_FLAGS=${JVM_FLAGS:--Xms256m -Xmx256m -XX:+UseParallelGC}
PORT=${PORT:-18080}
ROUNDS=${ROUNDS:-1}

if ! command -v wrk >/dev/null 2>&1; then
  echo "installing wrk ..."
  if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && apt-get install -y -qq wrk >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq wrk >/dev/null; fi
fi

mvn -B -q -ntp install -DskipTests -pl benchmarks -am
HELLO_CP="benchmarks/target/classes:$(cat benchmarks/target/hello-classpath.txt)"  # no currency example, no chassis-grpc

now_ms() { date +%s%3N; }

# start <main class> <url> [args...]: starts a server, waits for its first 200, sets PID and STARTUP_MS
start() {
  local main=$1 url=$2; shift 2
  local began; began=$(now_ms)
  # shellcheck disable=SC2086
  java $JVM_FLAGS -cp "$HELLO_CP" "$main" "$@" > /tmp/chassis-bench-server.log 2>&1 &
  PID=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$url" || true)" = "200" ]; do
    kill -0 "$PID" 2>/dev/null || { echo "server died:"; cat /tmp/chassis-bench-server.log; exit 1; }
    sleep 0.005
  done
  STARTUP_MS=$(( $(now_ms) - began ))
}

stop() { kill "$PID"; wait "$PID" 2>/dev/null || true; }

# load <url>: warms up, then prints requests per second
load() {
  wrk -t1 -c"$CONNECTIONS" -d"$WARMUP" "$1" > /dev/null
  wrk -t1 -c"$CONNECTIONS" -d"$DURATION" "$1" | awk '/Requests\/sec/ {print $2}'
}

rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$PID/status"; }

# idle_cpu_ms: CPU time the server burns in IDLE seconds without traffic (after 2 s to settle)
IDLE=${IDLE:-10}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$PID/stat"; }
idle_cpu_ms() {
  sleep 2
  local before; before=$(cpu_ticks)
  sleep "$IDLE"
  echo $(( ($(cpu_ticks) - before) * 1000 / $(getconf CLK_TCK) ))
}

declare -A RPS STARTUP RSS IDLE_MS
bench() {
  local name=$1 main=$2 url=$3; shift 3
  start "$main" "$url" "$@"
  STARTUP[$name]=$STARTUP_MS
  RPS[$name]=$(load "$url")
  RSS[$name]=$(rss_kb)
  IDLE_MS[$name]=$(idle_cpu_ms)
  stop
  printf '%-22s %10s req/s  startup %5s ms  rss %7s KiB  idle cpu %4s ms/%ss\n' \
    "$name" "${RPS[$name]}" "${STARTUP[$name]}" "${RSS[$name]}" "${IDLE_MS[$name]}" "$IDLE"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

BLOCKING=() DEFAULT=() NONBLOCKING=() STARTUPS=() RSSES=() TRACED=()
echo "wrk: 1 thread, $CONNECTIONS connections, $WARMUP warm-up + $DURATION; JVM: $JVM_FLAGS; rounds: $ROUNDS"
for round in $(seq 1 "$ROUNDS"); do
  [ "$ROUNDS" -gt 1 ] && echo "round $round"
  bench bare-dispatch       io.chassis.benchmarks.BareUndertow "http://127.0.0.1:$PORT/hello" "$PORT" dispatch
  bench chassis-blocking    io.chassis.benchmarks.ChassisHello "http://127.0.0.1:$PORT/hello-blocking" "$PORT"
  bench chassis-default     io.chassis.benchmarks.ChassisHello "http://127.0.0.1:$PORT/hello" "$PORT"
  bench bare-io             io.chassis.benchmarks.BareUndertow "http://127.0.0.1:$PORT/hello" "$PORT" io
  bench chassis-nonblocking io.chassis.benchmarks.ChassisHello "http://127.0.0.1:$PORT/hello-nb" "$PORT"
  bench chassis-traced      io.chassis.benchmarks.ChassisHello "http://127.0.0.1:$PORT/hello" "$PORT" traced
  BLOCKING+=("$(ratio "${RPS[chassis-blocking]}" "${RPS[bare-dispatch]}")")
  DEFAULT+=("$(ratio "${RPS[chassis-default]}" "${RPS[bare-io]}")")
  NONBLOCKING+=("$(ratio "${RPS[chassis-nonblocking]}" "${RPS[bare-io]}")")
  STARTUPS+=("$(ratio "${STARTUP[chassis-blocking]}" "${STARTUP[bare-dispatch]}")")
  RSSES+=("$(ratio "${RSS[chassis-blocking]}" "${RSS[bare-dispatch]}")")
  TRACED+=("$(ratio "${RPS[chassis-traced]}" "${RPS[chassis-default]}")")
done

each() { [ "$ROUNDS" -gt 1 ] && echo "  (rounds: $*)"; true; }
echo
echo "blocking route      / bare dispatch : $(median "${BLOCKING[@]}")  (target >= 0.85)$(each "${BLOCKING[@]}")"
echo "unmarked route (adaptive) / bare io: $(median "${DEFAULT[@]}")  (moved to the IO thread once learned)$(each "${DEFAULT[@]}")"
echo "non-blocking route  / bare io       : $(median "${NONBLOCKING[@]}")  (target >= 0.75)$(each "${NONBLOCKING[@]}")"
echo "startup to first 200 / bare         : $(median "${STARTUPS[@]}")  (target <= 1.5)$(each "${STARTUPS[@]}")"
echo "RSS after load / bare               : $(median "${RSSES[@]}")  (target <= 1.3)$(each "${RSSES[@]}")"
echo "tracing on (100% sampled) / off     : $(median "${TRACED[@]}")  (unmarked route, OpenTelemetry backend)$(each "${TRACED[@]}")"

if [ "${ONE_CORE:-1}" != 0 ]; then
  echo
  SKIP_BUILD=${SKIP_BUILD:-} ROUNDS=$ROUNDS bash benchmarks/one-core.sh
fi
