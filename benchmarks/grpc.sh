#!/usr/bin/env bash
# gRPC: the packaged currency-service (chassis-grpc, every interceptor, access log on, its stdout to a file)
# against the same CurrencyServiceImpl on a bare grpc-java Netty server (BareGrpcCurrency: no interceptors,
# grpc-java's own health service, a classpath of grpc-java and protobuf only), one server at a time on
# 127.0.0.1, both with the same JVM flags, loaded by h2load in another process. For each server:
#
#   GetRate              unary calls/s (EUR/USD, h2load/getrate-eur-usd.bin)
#   ListCurrencies       server-streaming messages/s: calls/s x messages per call (h2load/listcurrencies.bin)
#   startup-to-SERVING   ms from launching the java process until grpc.health.v1.Health/Check answers SERVING
#                        (StartupProbe launches the server and polls it over one HTTP/2 connection); also for
#                        a third server, the library floor (LibraryFloorGrpcCurrency): the bare server plus
#                        the libraries chassis-grpc starts with (logback + logstash JSON, typesafe config +
#                        SnakeYAML, Jackson, Micrometer + Prometheus with the JVM binders, Undertow on two ports,
#                        reflection), no Chassis code: what the chassis's startup cannot go below
#   server CPU per call  µs of CPU (user + system, all the server's threads) per measured call: what the rates
#                        cost, and steadier than a rate when the machine is shared with other work
#
# and the ratio chassis/bare against its target. Two regimes, both printed by default:
#   shared   server, h2load and the probe share the machine's cores, unpinned
#   pinned   the server on core 0 (taskset -c 0), h2load and the probe on core 1 (taskset -c 1)
#
# Run it holding the Maven lock, so that no build runs next to it (it builds first, under that same lock):
#   flock /tmp/chassis-mvn.lock bash benchmarks/grpc.sh
#
# ROUNDS=3 (odd) repeats every measurement and prints medians; bare and chassis take turns going first.
# REGIMES="shared pinned" picks the regimes. REQUESTS=200000 (GetRate calls measured), STREAM_REQUESTS=100000
# (ListCurrencies calls measured), CLIENTS=16 STREAMS=10 set the load.
# Warm-up: every measurement follows a warm-up with the same call on the same process, in chunks of
# WARMUP_CHUNK=100000 calls, until the server's JIT compiler threads used less than JIT_QUIET=2 % of a core
# during a chunk (at least 2 chunks, at most WARMUP_MAX=2000000 calls; read from /proc). A fixed count is
# not enough: on one core the JIT was still compiling after 300,000 GetRate calls, more so for chassis,
# and its compiler threads took a third of the core during the measurement.
# BARE_THREADS: the bare server's executor. 8/core (the default) is a fixed pool of 8 threads per core the
# server may run on, the shape and size of chassis-grpc's executor, so the ratios show what the chassis adds;
# a number is a fixed pool of that many; "default" is grpc-java's default executor, an unbounded cached pool,
# which on these loads costs the bare server about twice the CPU per call (thread hand-offs) and so flatters
# the chassis.
# JVM_FLAGS sets the servers' JVM flags, JAVA the java command, GRPC_PORT HTTP_PORT ADMIN_PORT
# the ports, LOGS where the servers' output goes; SKIP_BUILD=1 uses what was built, MVN the Maven command.
#
# h2load counts HTTP statuses, and a failed gRPC call is still HTTP 200 (grpc-status is in the trailers).
# So every load also checks the DATA bytes received: exactly calls x the bytes of one OK answer, which
# ExpectedReplies computes by calling CurrencyServiceImpl with the frame (a failed call sends no message,
# a call cut short fewer). Any failed call fails the run.
set -Eeuo pipefail
trap 'echo "grpc.sh: line $LINENO failed (exit $?)" >&2' ERR
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-1}
REGIMES=${REGIMES:-shared pinned}
REQUESTS=${REQUESTS:-200000}
WARMUP_CHUNK=${WARMUP_CHUNK:-100000}
WARMUP_MAX=${WARMUP_MAX:-2000000}
JIT_QUIET=${JIT_QUIET:-2}
STREAM_REQUESTS=${STREAM_REQUESTS:-100000}
CLIENTS=${CLIENTS:-16}        # connections
STREAMS=${STREAMS:-10}        # concurrent calls per connection
JVM_FLAGS=${JVM_FLAGS:--Xms256m -Xmx256m -XX:+UseParallelGC --enable-native-access=ALL-UNNAMED}
JAVA=${JAVA:-java}
GRPC_PORT=${GRPC_PORT:-19090}  # both servers, one after the other
HTTP_PORT=${HTTP_PORT:-19091}  # chassis only
ADMIN_PORT=${ADMIN_PORT:-19092}
LOGS=${LOGS:-/tmp/chassis-grpc-bench}
BARE_THREADS=${BARE_THREADS:-8/core}  # N/core or N: a fixed pool; default: grpc's default executor
MVN=${MVN:-mvn -B -q -ntp}
# The probe's own JVM: small and quick; it polls every 2 ms (1 ms costs the starting server CPU on 2 cores).
PROBE_FLAGS=${PROBE_FLAGS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx64m -Dprobe.poll.ms=2}

if [ $((ROUNDS % 2)) -eq 0 ] || [ "$ROUNDS" -lt 1 ]; then
  echo "ROUNDS must be odd (a median of rounds), was $ROUNDS" >&2
  exit 2
fi
for regime in $REGIMES; do
  case $regime in
    shared) ;;
    pinned)
      command -v taskset >/dev/null 2>&1 || { echo "the pinned regime needs taskset (util-linux)" >&2; exit 2; }
      [ "$(nproc)" -ge 2 ] || { echo "the pinned regime needs 2 cores, this machine has $(nproc)" >&2; exit 2; } ;;
    *) echo "unknown regime '$regime' (shared, pinned)" >&2; exit 2 ;;
  esac
done

if ! command -v h2load >/dev/null 2>&1; then
  echo "installing h2load (nghttp2-client) ..."
  if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && apt-get install -y -qq --no-install-recommends nghttp2-client >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq --no-install-recommends nghttp2-client >/dev/null; fi
fi

if [ -z "${SKIP_BUILD:-}" ]; then
  # shellcheck disable=SC2086
  $MVN install -DskipTests -pl benchmarks -am
fi
JAR=examples/currency-service/target/currency-service.jar
CP="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
BARE_CP="benchmarks/target/classes:$(cat benchmarks/target/bare-grpc-classpath.txt)"
FLOOR_CP="benchmarks/target/classes:$(cat benchmarks/target/floor-classpath.txt)"
mkdir -p "$LOGS"

declare -A FRAME=([GetRate]=benchmarks/h2load/getrate-eur-usd.bin [ListCurrencies]=benchmarks/h2load/listcurrencies.bin)
declare -A REPLY_BYTES REPLY_MESSAGES
while read -r method bytes messages; do
  REPLY_BYTES[$method]=$bytes
  REPLY_MESSAGES[$method]=$messages
done < <("$JAVA" -cp "$CP" io.chassis.benchmarks.ExpectedReplies benchmarks/h2load)

SERVER_PIN=() LOAD_PIN=()
pin() {
  case $1 in
    shared) SERVER_PIN=() LOAD_PIN=() ;;
    pinned) SERVER_PIN=(taskset -c 0) LOAD_PIN=(taskset -c 1) ;;
  esac
}

# server_command <bare|chassis>: sets CMD, the server's command line
server_command() {
  # shellcheck disable=SC2206
  local flags=($JVM_FLAGS)
  case $1 in
    bare)
      CMD=("$JAVA" "${flags[@]}" -cp "$BARE_CP" io.chassis.benchmarks.BareGrpcCurrency "$GRPC_PORT")
      [ "$BARE_THREADS" = default ] || CMD+=("$BARE_THREADS") ;;
    floor)
      CMD=("$JAVA" "${flags[@]}" -cp "$FLOOR_CP" io.chassis.benchmarks.LibraryFloorGrpcCurrency "$GRPC_PORT" "$HTTP_PORT"
           "$ADMIN_PORT")
      [ "$BARE_THREADS" = default ] || CMD+=("$BARE_THREADS") ;;
    chassis) CMD=("$JAVA" "${flags[@]}" -Dchassis.grpc.port="$GRPC_PORT" -Dchassis.http.port="$HTTP_PORT"
                  -Dchassis.admin.port="$ADMIN_PORT" -jar "$JAR") ;;
  esac
}

PROBE= SERVER= SERVER_NAME=
stop() {
  if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; fi
  if [ -n "$PROBE" ]; then wait "$PROBE" 2>/dev/null || true; fi  # it exits once the server has
  PROBE= SERVER=
}
trap stop EXIT

# start <bare|chassis>: launches the server through StartupProbe; sets SERVER (its pid) and STARTUP_MS
start() {
  server_command "$1"
  SERVER_NAME=$1
  : > "$LOGS/probe.out"
  # shellcheck disable=SC2086
  "${LOAD_PIN[@]}" "$JAVA" $PROBE_FLAGS -cp "$CP" io.chassis.benchmarks.StartupProbe "$GRPC_PORT" "$LOGS/$1.log" \
    "${SERVER_PIN[@]}" "${CMD[@]}" > "$LOGS/probe.out" 2> "$LOGS/probe.err" &
  PROBE=$!
  until [ "$(wc -l < "$LOGS/probe.out")" -ge 1 ]; do  # the whole line, newline included
    if ! kill -0 "$PROBE" 2>/dev/null; then
      PROBE=
      cat "$LOGS/probe.err" >&2
      exit 1
    fi
    sleep 0.02
  done
  read -r SERVER STARTUP_MS < "$LOGS/probe.out"
}

# cpu_ticks: CPU time the server process has used so far (all threads, user + system), in clock ticks
cpu_ticks() { sed 's/.*) //' "/proc/$SERVER/stat" | awk '{ print $12 + $13 }'; }

# load <method> <calls>: one h2load run; sets RATE (calls/s) and CPU_US (server CPU per call, µs);
# exits when any call failed
load() {
  local method=$1 calls=$2 out succeeded data rps expected before
  before=$(cpu_ticks)
  if ! out=$("${LOAD_PIN[@]}" h2load -n "$calls" -c "$CLIENTS" -m "$STREAMS" -t 1 -d "${FRAME[$method]}" \
    -H 'content-type: application/grpc' -H 'te: trailers' \
    "http://127.0.0.1:$GRPC_PORT/currency.v1.CurrencyService/$method" 2>&1); then
    echo "$out" | tail -20 >&2
    echo "$method: h2load failed; the server's last output:" >&2
    tail -5 "$LOGS/$SERVER_NAME.log" >&2
    exit 1
  fi
  succeeded=$(echo "$out" | sed -nE 's/^requests: .* ([0-9]+) succeeded.*/\1/p')
  data=$(echo "$out" | sed -nE 's/^traffic:.* \(([0-9]+)\) data$/\1/p')
  rps=$(echo "$out" | sed -nE 's/^finished in .*, ([0-9.]+) req\/s.*/\1/p')
  expected=$((calls * REPLY_BYTES[$method]))
  if [ "$succeeded" != "$calls" ] || [ "$data" != "$expected" ]; then
    echo "$out" | grep -E '^(finished|requests|status codes|traffic)' >&2
    echo "$method: not every call succeeded: $succeeded of $calls HTTP-succeeded, $data DATA bytes" \
      "(expected $calls x ${REPLY_BYTES[$method]} = $expected)" >&2
    exit 1
  fi
  RATE=$rps
  CPU_US=$(awk -v d="$(($(cpu_ticks) - before))" -v hz="$(getconf CLK_TCK)" -v n="$calls" \
    'BEGIN { printf "%.1f", d * 1e6 / hz / n }')
}

now_ms() { date +%s%3N; }

# jit_ticks: "<thread id> <CPU ticks>" for each JIT compiler thread of the server
jit_ticks() {
  local task
  for task in /proc/"$SERVER"/task/*; do
    case $(cat "$task/comm" 2>/dev/null || true) in
      "C1 Compiler"* | "C2 Compiler"*) echo "${task##*/} $(sed 's/.*) //' "$task/stat" | awk '{ print $12 + $13 }')" ;;
    esac
  done
}

# warm <method>: loads the server in chunks until its JIT is quiet; sets WARMED (calls) and adds to CALLS
warm() {
  local method=$1 calls=0 before after began ms busy
  while :; do
    before=$(jit_ticks) began=$(now_ms)
    load "$method" "$WARMUP_CHUNK"
    ms=$(($(now_ms) - began)) after=$(jit_ticks)
    calls=$((calls + WARMUP_CHUNK))
    # compiler CPU in the chunk (threads that ended meanwhile are not counted), in % of one core
    busy=$(awk -v ms="$ms" -v hz="$(getconf CLK_TCK)" 'NR == FNR { b[$1] = $2; next } { d += $2 - b[$1] }
      END { printf "%.0f", d * 1000 / hz * 100 / (ms > 0 ? ms : 1) }' <(echo "$before") <(echo "$after"))
    if [ "$calls" -ge $((2 * WARMUP_CHUNK)) ] && [ "$busy" -lt "$JIT_QUIET" ]; then break; fi
    if [ "$calls" -ge "$WARMUP_MAX" ]; then
      echo "  note: $SERVER_NAME's JIT still used $busy % of a core after $calls $method warm-up calls" >&2
      break
    fi
  done
  WARMED=$calls
  CALLS=$((CALLS + calls))
}

# bench <regime> <round> <bare|chassis>: one server's three figures, into UNARY, STREAM and STARTUP
declare -A UNARY STREAM STARTUP UNARY_CPU STREAM_CPU FLOOR
bench() {
  local key="$1 $2 $3" calls_per_s
  start "$3"
  STARTUP[$key]=$STARTUP_MS
  CALLS=0
  warm GetRate
  warmed="$WARMED GetRate"
  load GetRate "$REQUESTS"
  UNARY[$key]=$RATE UNARY_CPU[$key]=$CPU_US
  warm ListCurrencies
  warmed="$warmed, $WARMED ListCurrencies"
  load ListCurrencies "$STREAM_REQUESTS"
  calls_per_s=$RATE STREAM_CPU[$key]=$CPU_US
  STREAM[$key]=$(awk -v c="$calls_per_s" -v m="${REPLY_MESSAGES[ListCurrencies]}" 'BEGIN { printf "%.0f", c * m }')
  if [ "$3" = chassis ]; then
    local lines want
    lines=$(grep -c '"logger":"chassis.access"' "$LOGS/chassis.log" || true)
    want=$((CALLS + REQUESTS + STREAM_REQUESTS))
    [ "$lines" -eq "$want" ] || echo "  note: the chassis access log has $lines call lines, $want calls were made" >&2
  fi
  stop
  printf '  %-7s GetRate %6.0f req/s %5s µs CPU   ListCurrencies %7s msg/s (%6.0f calls/s) %5s µs CPU/call' \
    "$3" "${UNARY[$key]}" "${UNARY_CPU[$key]}" "${STREAM[$key]}" "$calls_per_s" "${STREAM_CPU[$key]}"
  printf '   startup-to-SERVING %6s ms   (warm-up: %s)\n' "${STARTUP[$key]}" "$warmed"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# verdict <ratio> <target> <ge|le>
verdict() { awk -v r="$1" -v t="$2" -v op="$3" 'BEGIN { ok = op == "ge" ? r >= t : r <= t; print ok ? "met" : "MISSED" }'; }

describe() {
  case $1 in
    shared) echo "shared: server, h2load and probe unpinned on $(nproc) cores" ;;
    pinned) echo "pinned: server on core 0 (taskset -c 0), h2load and probe on core 1 (taskset -c 1)" ;;
  esac
}

if [ "$BARE_THREADS" = default ]; then bare_executor="grpc's default (cached pool)"; else bare_executor="a fixed pool of $BARE_THREADS threads"; fi
echo "gRPC chassis vs bare: $($JAVA -version 2>&1 | head -1); JVM: $JVM_FLAGS; bare executor: $bare_executor"
echo "h2load: $CLIENTS connections x $STREAMS streams, 1 thread; $REQUESTS GetRate calls," \
  "$STREAM_REQUESTS ListCurrencies calls (${REPLY_MESSAGES[ListCurrencies]} messages, ${REPLY_BYTES[ListCurrencies]} DATA bytes each)," \
  "each after a warm-up in chunks of $WARMUP_CHUNK calls until the JIT uses < $JIT_QUIET % of a core; rounds: $ROUNDS; logs in $LOGS"

# One untimed launch of each first: the jars into the page cache, so round 1 starts like the others.
pin shared
for name in bare floor chassis; do start "$name"; stop; done

for regime in $REGIMES; do
  pin "$regime"
  echo
  echo "$(describe "$regime")"
  for round in $(seq 1 "$ROUNDS"); do
    echo " round $round"
    if [ $((round % 2)) -eq 1 ]; then order="bare chassis"; else order="chassis bare"; fi
    for name in $order; do bench "$regime" "$round" "$name"; done
    start floor
    FLOOR["$regime $round"]=$STARTUP_MS
    stop
    printf '  %-7s startup-to-SERVING %6s ms   (the libraries, no Chassis; no load)\n' floor "$STARTUP_MS"
  done
done

echo
echo "medians of $ROUNDS round(s); the ratio is the median of the rounds' chassis/bare ratios"
for regime in $REGIMES; do
  echo
  echo "$(describe "$regime")"
  printf '  %-26s %12s %12s %14s   %s\n' "" bare chassis chassis/bare target
  for figure in unary stream startup unary_cpu stream_cpu; do
    bares=() chassises=() ratios=()
    for round in $(seq 1 "$ROUNDS"); do
      case $figure in
        unary) b=${UNARY["$regime $round bare"]} c=${UNARY["$regime $round chassis"]} ;;
        stream) b=${STREAM["$regime $round bare"]} c=${STREAM["$regime $round chassis"]} ;;
        startup) b=${STARTUP["$regime $round bare"]} c=${STARTUP["$regime $round chassis"]} ;;
        unary_cpu) b=${UNARY_CPU["$regime $round bare"]} c=${UNARY_CPU["$regime $round chassis"]} ;;
        stream_cpu) b=${STREAM_CPU["$regime $round bare"]} c=${STREAM_CPU["$regime $round chassis"]} ;;
      esac
      bares+=("$b") chassises+=("$c") ratios+=("$(ratio "$c" "$b")")
    done
    r=$(median "${ratios[@]}")
    case $figure in
      unary) label="GetRate req/s" target=0.85 op=ge digits=0 ;;
      stream) label="ListCurrencies msg/s" target=0.90 op=ge digits=0 ;;
      startup) label="startup-to-SERVING ms" target=1.30 op=le digits=1 ;;
      unary_cpu) label="GetRate server CPU µs/call" target= digits=1 ;;
      stream_cpu) label="ListCurrencies CPU µs/call" target= digits=1 ;;
    esac
    if [ -n "$target" ]; then
      [ $op = ge ] && sign=">=" || sign="<="
      goal="$sign $target $(verdict "$r" "$target" "$op")"
    else
      goal="(no target: the CPU cost behind the rate)"
    fi
    printf "  %-26s %12.${digits}f %12.${digits}f %14.2f   %s\n" "$label" "$(median "${bares[@]}")" \
      "$(median "${chassises[@]}")" "$r" "$goal"
  done
  bare_startups=() floors=() floor_ratios=() over_floor=()
  for round in $(seq 1 "$ROUNDS"); do
    bare_startups+=("${STARTUP["$regime $round bare"]}")
    floors+=("${FLOOR["$regime $round"]}")
    floor_ratios+=("$(ratio "${FLOOR["$regime $round"]}" "${STARTUP["$regime $round bare"]}")")
    over_floor+=("$(ratio "${STARTUP["$regime $round chassis"]}" "${FLOOR["$regime $round"]}")")
  done
  printf "  %-26s %12.1f %12.1f %14.2f   %s\n" "library floor startup ms" \
    "$(median "${bare_startups[@]}")" "$(median "${floors[@]}")" \
    "$(median "${floor_ratios[@]}")" "floor/bare; chassis/floor $(median "${over_floor[@]}")"
done
