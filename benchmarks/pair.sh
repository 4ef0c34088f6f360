#!/usr/bin/env bash
# Two routes of one server against each other under wrk: the measuring part of gateway.sh and security.sh,
# which set what differs and source this file. Route A is the baseline, B the candidate; the verdict is B/A >= TARGET.
#
#   PAIR_TITLE  the first line printed         PAIR_CLASS  the server's main class (benchmarks module)
#   A, A_PATH   baseline name and path         B, B_PATH   candidate name and path
#   TARGET      the B/A req/s ratio to reach, or "none" to report only
#   SCHEME      http (default) or https (then CA_FILE: the server's CA for curl; wrk does not verify)
#   A_URL, B_URL     a route's whole URL instead of SCHEME://127.0.0.1:HTTP_PORT + its path (another port)
#   REQUEST_HEADERS  an array of "Name: value" sent with every request by curl and wrk
#   SERVER_FLAGS     an array of extra java arguments for the server (-D...), SERVER_ARGS its main's arguments
#   EXTRA_CP         more class path for the server (a module only this pair's server has)
#
# Both routes must give the same status, Content-Type and body (checked before any load). Each is then
# warmed up with wrk, and measured with wrk (1 thread, CONNECTIONS connections, keep-alive) on 127.0.0.1,
# one after the other, the order alternating per round; one server start per regime. For each: req/s, p99
# latency, and server CPU per request (µs, user + system of all the server's threads, from /proc).
# Any non-2xx answer or socket error fails the run. Two regimes, both by default:
#   shared   server and wrk unpinned on the machine's cores
#   pinned   the server on core 0 (taskset -c 0), wrk on core 1 (taskset -c 1)
#
# ROUNDS=3 (odd) repeats the pair of measurements and prints medians (the ratio is the median of the rounds'
# ratios). REGIMES="shared pinned" picks the regimes. DURATION=15s per measurement, CONNECTIONS=64.
# Warm-up: both routes in turn, WARMUP_CHUNK=10s each, until the server's JIT compiler threads used less
# than JIT_QUIET=3 % of a core during both (at least 2 turns, at most WARMUP_TURNS=9). The JIT's share
# during each measurement is printed too.
# JVM_FLAGS sets the server's JVM flags (add an -agentpath: to profile it), JAVA the java command,
# HTTP_PORT ADMIN_PORT GRPC_PORT the ports, LOGS where the server's output goes (the access log: about 2 GB
# a run); SKIP_BUILD=1 uses what was built, MVN the Maven command.
set -Eeuo pipefail
trap 'echo "pair.sh: line $LINENO failed (exit $?)" >&2' ERR
cd "$(dirname "$0")/.."
: "${PAIR_TITLE:?} ${PAIR_CLASS:?} ${A:?} ${B:?} ${A_PATH:?} ${B_PATH:?} ${TARGET:?}"

ROUNDS=${ROUNDS:-1}
REGIMES=${REGIMES:-shared pinned}
DURATION=${DURATION:-15s}
WARMUP_CHUNK=${WARMUP_CHUNK:-10s}
WARMUP_TURNS=${WARMUP_TURNS:-9}
JIT_QUIET=${JIT_QUIET:-3}
CONNECTIONS=${CONNECTIONS:-64}
JVM_FLAGS=${JVM_FLAGS:--Xms256m -Xmx256m -XX:+UseParallelGC}
JAVA=${JAVA:-java}
HTTP_PORT=${HTTP_PORT:-18280}
ADMIN_PORT=${ADMIN_PORT:-18281}
GRPC_PORT=${GRPC_PORT:-18282}
LOGS=${LOGS:-/tmp/chassis-$A-$B-bench}
MVN=${MVN:-mvn -B -q -ntp}
SCHEME=${SCHEME:-http}
CURL_HEADERS=() WRK_HEADERS=()
for h in ${REQUEST_HEADERS[@]+"${REQUEST_HEADERS[@]}"}; do CURL_HEADERS+=(-H "$h") WRK_HEADERS+=(-H "$h"); done
CURL_TLS=()
[ "$SCHEME" = https ] && : "${CA_FILE:?https needs CA_FILE}"
[ -n "${CA_FILE:-}" ] && CURL_TLS=(--cacert "$CA_FILE")

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

if ! command -v wrk >/dev/null 2>&1; then
  echo "installing wrk ..."
  if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && apt-get install -y -qq wrk >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq wrk >/dev/null; fi
fi

if [ -z "${SKIP_BUILD:-}" ]; then
  # shellcheck disable=SC2086
  $MVN install -DskipTests -pl benchmarks -am
fi
CP="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)${EXTRA_CP:+:$EXTRA_CP}"
mkdir -p "$LOGS"
BASE=$SCHEME://127.0.0.1:$HTTP_PORT
declare -A URL=([$A]=${A_URL:-$BASE$A_PATH} [$B]=${B_URL:-$BASE$B_PATH})

SERVER_PIN=() LOAD_PIN=()
pin() {
  case $1 in
    shared) SERVER_PIN=() LOAD_PIN=() ;;
    pinned) SERVER_PIN=(taskset -c 0) LOAD_PIN=(taskset -c 1) ;;
  esac
}

SERVER=
stop() {
  if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
  SERVER=
}
trap stop EXIT

# start <regime>: launches the server (taskset execs java, so $! is the JVM) and waits for both routes' 200
start() {
  local log=$LOGS/server-$1.log name code
  # shellcheck disable=SC2206
  local flags=($JVM_FLAGS)
  "${SERVER_PIN[@]}" "$JAVA" "${flags[@]}" -Dchassis.http.host=127.0.0.1 -Dchassis.http.port="$HTTP_PORT" \
    -Dchassis.admin.host=127.0.0.1 -Dchassis.admin.port="$ADMIN_PORT" \
    -Dchassis.grpc.host=127.0.0.1 -Dchassis.grpc.port="$GRPC_PORT" \
    ${SERVER_FLAGS[@]+"${SERVER_FLAGS[@]}"} -cp "$CP" "$PAIR_CLASS" ${SERVER_ARGS[@]+"${SERVER_ARGS[@]}"} > "$log" 2>&1 &
  SERVER=$!
  for name in $A $B; do  # e.g. the gateway answers 503 until its in-process server is open
    until code=$(curl -s "${CURL_TLS[@]}" "${CURL_HEADERS[@]}" -o /dev/null -w '%{http_code}' "${URL[$name]}") \
      && [ "$code" = 200 ]; do
      if ! kill -0 "$SERVER" 2>/dev/null; then
        SERVER=
        echo "the server died; its last output ($log):" >&2
        tail -20 "$log" >&2
        exit 1
      fi
      sleep 0.05
    done
  done
}

# same_answer: both routes answer the same status, Content-Type and body bytes, or the run fails
same_answer() {
  local name
  for name in $A $B; do
    curl -s "${CURL_TLS[@]}" "${CURL_HEADERS[@]}" -o "$LOGS/$name.body" -w '%{http_code} %{content_type}\n' \
      "${URL[$name]}" > "$LOGS/$name.head"
  done
  if ! cmp -s "$LOGS/$A.head" "$LOGS/$B.head" || ! cmp -s "$LOGS/$A.body" "$LOGS/$B.body"; then
    for name in $A $B; do
      echo "$name: $(cat "$LOGS/$name.head") $(cat "$LOGS/$name.body")" >&2
    done
    echo "the two routes do not give the same answer" >&2
    exit 1
  fi
  echo "  both answer $(cat "$LOGS/$A.head") $(cat "$LOGS/$A.body")"
}

# cpu_ticks: CPU time the server has used so far (all threads, user + system), in clock ticks
cpu_ticks() { sed 's/.*) //' "/proc/$SERVER/stat" | awk '{ print $12 + $13 }'; }

# jit_ticks: CPU ticks of the server's JIT compiler threads, summed
jit_ticks() {
  local task sum=0
  for task in /proc/"$SERVER"/task/*; do
    case $(cat "$task/comm" 2>/dev/null || true) in
      "C1 Compiler"* | "C2 Compiler"*) sum=$((sum + $(sed 's/.*) //' "$task/stat" | awk '{ print $12 + $13 }'))) ;;
    esac
  done
  echo "$sum"
}

# to_ms <wrk duration>: 812.00us, 2.31ms or 1.02s in ms
to_ms() {
  awk -v d="$1" 'BEGIN { v = d + 0; u = d; sub(/^[0-9.]+/, "", u)
    printf "%.2f", u == "us" ? v / 1000 : u == "ms" ? v : u == "s" ? v * 1000 : u == "m" ? v * 60000 : -1 }'
}

# wrk_run <route> <duration>: one wrk run; sets RPS, P99_MS, REQS, CPU_US, JIT_PCT; exits on any failed request
wrk_run() {
  local name=$1 out non2xx errors cpu jit began ms
  cpu=$(cpu_ticks) jit=$(jit_ticks) began=$(date +%s%3N)
  out=$("${LOAD_PIN[@]}" wrk -t1 -c"$CONNECTIONS" -d"$2" --latency "${WRK_HEADERS[@]}" "${URL[$name]}")
  ms=$(($(date +%s%3N) - began))
  non2xx=$(echo "$out" | awk -F': *' '/Non-2xx or 3xx responses/ { print $2 }')
  errors=$(echo "$out" | sed -n 's/^ *Socket errors: *//p')
  if [ -n "$non2xx" ] || [ -n "$errors" ]; then
    echo "$out" >&2
    echo "$name: wrk saw ${non2xx:-0} non-2xx answers, socket errors: ${errors:-none}; the server's last output:" >&2
    tail -5 "$LOGS"/server-*.log >&2
    exit 1
  fi
  RPS=$(echo "$out" | awk '/^Requests\/sec/ { print $2 }')
  REQS=$(echo "$out" | awk '/requests in/ { print $1 }')
  P99_MS=$(to_ms "$(echo "$out" | awk '$1 == "99%" { print $2 }')")
  CPU_US=$(awk -v d="$(($(cpu_ticks) - cpu))" -v hz="$(getconf CLK_TCK)" -v n="$REQS" \
    'BEGIN { printf "%.1f", d * 1e6 / hz / n }')
  JIT_PCT=$(awk -v d="$(($(jit_ticks) - jit))" -v hz="$(getconf CLK_TCK)" -v ms="$ms" \
    'BEGIN { printf "%.0f", d * 1000 / hz * 100 / ms }')
}

# warm: both routes in turn until a turn in which the JIT was quiet during both
warm() {
  local turns=0 loud name
  while :; do
    loud=
    for name in $A $B; do
      wrk_run "$name" "$WARMUP_CHUNK"
      [ "$JIT_PCT" -lt "$JIT_QUIET" ] || loud="$loud $name: JIT $JIT_PCT %"
    done
    turns=$((turns + 1))
    if [ "$turns" -ge 2 ] && [ -z "$loud" ]; then break; fi
    if [ "$turns" -ge "$WARMUP_TURNS" ]; then
      echo "  note: after $turns warm-up turns the JIT is not quiet yet ($loud)" >&2
      break
    fi
  done
  echo "  warm-up: $turns x $WARMUP_CHUNK per route"
}

declare -A RATE P99 CPU
measure() {
  local key="$1 $2 $3"
  wrk_run "$3" "$DURATION"
  RATE[$key]=$RPS P99[$key]=$P99_MS CPU[$key]=$CPU_US
  printf '  %-7s %9.0f req/s   p99 %7.2f ms   %6.1f µs CPU/req   (JIT %s %% of a core)\n' \
    "$3" "$RPS" "$P99_MS" "$CPU_US" "$JIT_PCT"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
verdict() { awk -v r="$1" -v t="$2" 'BEGIN { print (r >= t ? "met" : "MISSED") }'; }

describe() {
  case $1 in
    shared) echo "shared: server and wrk unpinned on $(nproc) cores" ;;
    pinned) echo "pinned: server on core 0 (taskset -c 0), wrk on core 1 (taskset -c 1)" ;;
  esac
}

echo "$PAIR_TITLE: $($JAVA -version 2>&1 | head -1); JVM: $JVM_FLAGS"
echo "wrk: 1 thread, $CONNECTIONS connections, $DURATION per measurement, after a warm-up in turns of $WARMUP_CHUNK" \
  "per route until the JIT uses < $JIT_QUIET % of a core; rounds: $ROUNDS; logs in $LOGS"

for regime in $REGIMES; do
  pin "$regime"
  echo
  describe "$regime"
  start "$regime"
  same_answer
  warm
  for round in $(seq 1 "$ROUNDS"); do
    echo " round $round"
    if [ $((round % 2)) -eq 1 ]; then order="$A $B"; else order="$B $A"; fi
    for name in $order; do measure "$regime" "$round" "$name"; done
  done
  stop
done

echo
echo "medians of $ROUNDS round(s); the ratio is the median of the rounds' $B/$A ratios"
for regime in $REGIMES; do
  echo
  describe "$regime"
  printf '  %-18s %12s %12s %14s   %s\n' "" "$A" "$B" "$B/$A" target
  for figure in rate p99 cpu; do
    hands=() gateways=() ratios=()
    for round in $(seq 1 "$ROUNDS"); do
      case $figure in
        rate) h=${RATE["$regime $round $A"]} g=${RATE["$regime $round $B"]} ;;
        p99) h=${P99["$regime $round $A"]} g=${P99["$regime $round $B"]} ;;
        cpu) h=${CPU["$regime $round $A"]} g=${CPU["$regime $round $B"]} ;;
      esac
      hands+=("$h") gateways+=("$g") ratios+=("$(ratio "$g" "$h")")
    done
    r=$(median "${ratios[@]}")
    case $figure in
      rate) label="req/s" digits=0
        if [ "$TARGET" = none ]; then goal="(no target: reported)"; else goal=">= $TARGET $(verdict "$r" "$TARGET")"; fi ;;
      p99) label="p99 latency ms" digits=2 goal="(no target)" ;;
      cpu) label="server CPU µs/req" digits=1 goal="(no target: the CPU cost behind the rate)" ;;
    esac
    printf "  %-18s %12.${digits}f %12.${digits}f %14.2f   %s\n" "$label" "$(median "${hands[@]}")" \
      "$(median "${gateways[@]}")" "$r" "$goal"
  done
done
