#!/usr/bin/env bash
# The request path on one core (issue #15): every server pinned to core 0 (taskset -c 0), wrk on core 1
# (wrk -t1 -c64), the JSON hello route, -Xms256m -Xmx256m -XX:+UseG1GC, one server at a time on 127.0.0.1:
#
#   bare-io-17        bare Undertow answering on its IO thread, JDK 17 (the 1.00 of every ratio)
#   bare-io-25        the same on JDK 25
#   bare-dispatch-17  bare Undertow dispatching to its worker pool, JDK 17
#   helidon-25        Helidon SE 4 (virtual threads, health observer on), JDK 25: benchmarks/helidon
#   chassis-17        ChassisHello /hello, defaults (metrics, request ids, JSON access log), JDK 17
#   chassis-25        the same on JDK 25
#   chassis-nolog-17  chassis-17 with chassis.http.access-log.enabled=false
#   chassis-traced-17 chassis-17 with tracing on, every request sampled (OTLP export to a closed port)
#   chassis-vt-25     chassis-25 with chassis.http.virtual-threads=true
#
# Server stdout goes through a pipe to a reader on wrk's core (see start()).
# For each: req/s, p99, socket errors (any fails nothing, it is reported), RSS after the load. Then the
# ratios #15 names, each against its target. ROUNDS=3 (odd) repeats the whole set and prints medians.
# Warm-up: wrk runs of WARMUP_CHUNK=10s until the server's JIT compiler threads used less than JIT_QUIET=2 %
# of the core during one (at least 2, at most WARMUP_MAX=240s in all; read from /proc), then DURATION=15s
# measured. A fixed warm-up is not enough: pinned to one core, the chassis's JIT still took 13-17 % of the
# core after 60 s of load, and its rate went from 21,000 to 46,000 req/s once the compiler was done.
#
# Run it holding the Maven lock, so that no build runs next to it (it builds first, under that same lock):
#   flock /tmp/chassis-mvn.lock bash benchmarks/one-core.sh
# JAVA17 and JAVA25 name the JVMs; SKIP_BUILD=1 uses what was built; PORT=18380.
set -Eeuo pipefail
trap 'echo "one-core.sh: line $LINENO failed (exit $?)" >&2' ERR
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-1}
WARMUP_CHUNK=${WARMUP_CHUNK:-10}
WARMUP_MAX=${WARMUP_MAX:-240}
JIT_QUIET=${JIT_QUIET:-2}
DURATION=${DURATION:-15s}
PORT=${PORT:-18380}
JAVA17=${JAVA17:-java}
JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JVM_FLAGS=${JVM_FLAGS:--Xms256m -Xmx256m -XX:+UseG1GC}
LOGS=${LOGS:-/tmp/chassis-one-core-bench}

if [ $((ROUNDS % 2)) -eq 0 ] || [ "$ROUNDS" -lt 1 ]; then
  echo "ROUNDS must be odd (a median of rounds), was $ROUNDS" >&2
  exit 2
fi
[ "$(nproc)" -ge 2 ] || { echo "needs 2 cores (server on one, wrk on the other), this machine has $(nproc)" >&2; exit 2; }
command -v taskset >/dev/null 2>&1 || { echo "needs taskset (util-linux)" >&2; exit 2; }
[ -x "$JAVA25" ] || { echo "JAVA25=$JAVA25 is not a java executable (Helidon 4 needs Java 21+)" >&2; exit 2; }
if ! command -v wrk >/dev/null 2>&1; then
  echo "installing wrk ..."
  if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && apt-get install -y -qq wrk >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq wrk >/dev/null; fi
fi

if [ -z "${SKIP_BUILD:-}" ]; then
  mvn -B -q -ntp install -DskipTests -pl benchmarks -am
  JAVA_HOME=$(dirname "$(dirname "$JAVA25")") mvn -B -q -ntp -f benchmarks/helidon/pom.xml package \
    dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
fi
HELLO_CP="benchmarks/target/classes:$(cat benchmarks/target/hello-classpath.txt)"  # no currency example, no chassis-grpc
HELIDON_CP="benchmarks/helidon/target/classes:$(cat benchmarks/helidon/target/classpath.txt)"
URL=http://127.0.0.1:$PORT/hello
mkdir -p "$LOGS"

SERVER=
stop() {
  if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
  SERVER=
}
trap stop EXIT

# command_of <name>: sets CMD, the java command line of that server
command_of() {
  # shellcheck disable=SC2206
  local flags=($JVM_FLAGS)
  local chassis=(-cp "$HELLO_CP" -Dchassis.admin.port=0 -Dchassis.admin.host=127.0.0.1 io.chassis.benchmarks.ChassisHello "$PORT")
  case $1 in
    bare-io-17) CMD=("$JAVA17" "${flags[@]}" -cp "$HELLO_CP" io.chassis.benchmarks.BareUndertow "$PORT" io) ;;
    bare-io-25) CMD=("$JAVA25" "${flags[@]}" -cp "$HELLO_CP" io.chassis.benchmarks.BareUndertow "$PORT" io) ;;
    bare-dispatch-17) CMD=("$JAVA17" "${flags[@]}" -cp "$HELLO_CP" io.chassis.benchmarks.BareUndertow "$PORT" dispatch) ;;
    helidon-25) CMD=("$JAVA25" "${flags[@]}" -cp "$HELIDON_CP" io.chassis.benchmarks.helidon.HelidonHello "$PORT") ;;
    chassis-17) CMD=("$JAVA17" "${flags[@]}" "${chassis[@]}") ;;
    chassis-25) CMD=("$JAVA25" "${flags[@]}" "${chassis[@]}") ;;
    chassis-nolog-17) CMD=("$JAVA17" "${flags[@]}" -Dchassis.http.access-log.enabled=false "${chassis[@]}") ;;
    chassis-traced-17) CMD=("$JAVA17" "${flags[@]}" "${chassis[@]}" traced) ;;
    chassis-vt-25) CMD=("$JAVA25" "${flags[@]}" -Dchassis.http.virtual-threads=true "${chassis[@]}") ;;
  esac
}

# start <name>: launches it on core 0 and waits for its first 200. Its stdout is a pipe read on wrk's core
# (cat into the log file), as in Kubernetes: a container's stdout is a pipe the container runtime reads and
# writes to the node's log files, outside the pod's CPU. Redirected to a file instead, the server would pay
# for the file system's page cache as well (measured: 1.1 µs per access line to ext4, 0.5 µs to a pipe).
start() {
  command_of "$1"
  exec 7> >(taskset -c 1 cat > "$LOGS/$1.log")
  taskset -c 0 "${CMD[@]}" >&7 2>&1 &
  SERVER=$!
  exec 7>&-
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL" || true)" = 200 ]; do
    kill -0 "$SERVER" 2>/dev/null || { SERVER=; echo "$1 died:" >&2; tail -20 "$LOGS/$1.log" >&2; exit 1; }
    sleep 0.05
  done
}

# to_ms <wrk duration>: 812.00us, 2.31ms or 1.02s in ms
to_ms() {
  awk -v d="$1" 'BEGIN { v = d + 0; u = d; sub(/^[0-9.]+/, "", u)
    printf "%.2f", u == "us" ? v / 1000 : u == "ms" ? v : u == "s" ? v * 1000 : -1 }'
}

declare -A RPS P99 ERRORS RSS
NAMES=(bare-io-17 bare-io-25 bare-dispatch-17 helidon-25 chassis-17 chassis-25 chassis-nolog-17 chassis-traced-17
  chassis-vt-25)

# jit_ticks: "<thread id> <CPU ticks>" for each JIT compiler thread of the server (the JVM starts and ends
# compiler threads as its queue grows and shrinks: one may be gone between the glob and the read)
jit_ticks() {
  local task ticks
  for task in /proc/"$SERVER"/task/*; do
    case $(cat "$task/comm" 2>/dev/null || true) in
      "C1 Compiler"* | "C2 Compiler"*)
        ticks=$({ sed 's/.*) //' "$task/stat" 2>/dev/null || true; } | awk '{ print $12 + $13 }')
        [ -z "$ticks" ] || echo "${task##*/} $ticks" ;;
    esac
  done
}

# warm: wrk chunks until the JIT is quiet; sets WARMED (seconds of load)
warm() {
  local before busy
  WARMED=0
  while :; do
    before=$(jit_ticks)
    taskset -c 1 wrk -t1 -c64 -d"${WARMUP_CHUNK}s" "$URL" > /dev/null
    WARMED=$((WARMED + WARMUP_CHUNK))
    # compiler CPU in the chunk (threads that ended meanwhile are not counted), in % of one core
    busy=$(awk -v hz="$(getconf CLK_TCK)" -v s="$WARMUP_CHUNK" 'NR == FNR { b[$1] = $2; next }
      { d += $2 - ($1 in b ? b[$1] : 0) } END { printf "%.0f", d * 100 / hz / s }' <(echo "$before") <(jit_ticks))
    if [ "$WARMED" -ge $((2 * WARMUP_CHUNK)) ] && [ "$busy" -lt "$JIT_QUIET" ]; then return; fi
    if [ "$WARMED" -ge "$WARMUP_MAX" ]; then
      echo "  note: $1's JIT still used $busy % of the core after ${WARMED}s of warm-up" >&2
      return
    fi
  done
}

measure() {
  local name=$1 round=$2 out errors
  start "$name"
  warm "$name"
  out=$(taskset -c 1 wrk -t1 -c64 -d"$DURATION" --latency "$URL")
  errors=$(echo "$out" | sed -n 's/^ *Socket errors: *//p')
  RPS[$name $round]=$(echo "$out" | awk '/^Requests\/sec/ { printf "%.0f", $2 }')
  P99[$name $round]=$(to_ms "$(echo "$out" | awk '$1 == "99%" { print $2 }')")
  ERRORS[$name $round]=${errors:-none}
  RSS[$name $round]=$(awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$SERVER/status")
  stop
  printf '  %-18s %8s req/s   p99 %7s ms   RSS %4s MB   socket errors: %s   (warm-up %ss)\n' "$name" \
    "${RPS[$name $round]}" "${P99[$name $round]}" "${RSS[$name $round]}" "${ERRORS[$name $round]}" "$WARMED"
}

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# med <table> <name>: the median over the rounds
med() {
  local -n table=$1
  local values=() round
  for round in $(seq 1 "$ROUNDS"); do values+=("${table[$2 $round]}"); done
  median "${values[@]}"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
verdict() { awk -v r="$1" -v t="$2" -v op="$3" 'BEGIN { ok = op == ">=" ? r >= t : r <= t; print ok ? "met" : "MISSED" }'; }

echo "one core: servers on core 0, wrk -t1 -c64 on core 1; warm-up in ${WARMUP_CHUNK}s chunks until the JIT uses" \
  "< $JIT_QUIET % of the core (at most ${WARMUP_MAX}s), then $DURATION; JVM: $JVM_FLAGS; rounds: $ROUNDS"
echo "JDK 17: $($JAVA17 -version 2>&1 | head -1); JDK 25: $($JAVA25 -version 2>&1 | head -1)"
for round in $(seq 1 "$ROUNDS"); do
  echo " round $round"
  for name in "${NAMES[@]}"; do measure "$name" "$round"; done
done

echo
echo "medians of $ROUNDS round(s)"
for name in "${NAMES[@]}"; do
  printf '  %-18s %8s req/s  %5s x bare-io-17   p99 %7s ms   RSS %4s MB\n' "$name" "$(med RPS "$name")" \
    "$(ratio "$(med RPS "$name")" "$(med RPS bare-io-17)")" "$(med P99 "$name")" "$(med RSS "$name")"
done
r() { ratio "$(med RPS "$1")" "$(med RPS "$2")"; }
echo
printf '  %-52s %5s   %s\n' "chassis-25 / helidon-25 (JDK 21+ defaults)" "$(r chassis-25 helidon-25)" \
  ">= 0.90 $(verdict "$(r chassis-25 helidon-25)" 0.9 '>=')"
printf '  %-52s %5s   %s\n' "chassis-17 / bare-io-17 (JDK 17 defaults)" "$(r chassis-17 bare-io-17)" \
  ">= 0.75 $(verdict "$(r chassis-17 bare-io-17)" 0.75 '>=')"
cost=$(awk -v a="$(med RPS chassis-17)" -v b="$(med RPS chassis-nolog-17)" 'BEGIN { printf "%.2f", 1 - a / b }')
printf '  %-52s %5s   %s\n' "access log cost: 1 - chassis-17 / chassis-nolog-17" "$cost" "<= 0.10 $(verdict "$cost" 0.1 '<=')"
cost=$(awk -v a="$(med RPS chassis-traced-17)" -v b="$(med RPS chassis-17)" 'BEGIN { printf "%.2f", 1 - a / b }')
printf '  %-52s %5s   %s\n' "tracing cost: 1 - chassis-traced-17 / chassis-17" "$cost" "<= 0.15 $(verdict "$cost" 0.15 '<=')"
printf '  %-52s %5s   %s\n' "virtual threads: chassis-vt-25 / chassis-25 req/s" "$(r chassis-vt-25 chassis-25)" \
  ">= 1.00 $(verdict "$(r chassis-vt-25 chassis-25)" 1 '>=')"
rss=$(ratio "$(med RSS chassis-vt-25)" "$(med RSS chassis-25)")
printf '  %-52s %5s   %s\n' "virtual threads: RSS chassis-vt-25 / chassis-25" "$rss" "<= 1.10 $(verdict "$rss" 1.1 '<=')"
vt_errors=()
for round in $(seq 1 "$ROUNDS"); do vt_errors+=("${ERRORS[chassis-vt-25 $round]}"); done
printf '  %-52s %s\n' "virtual threads: socket errors per round" "${vt_errors[*]}"
p99=$(ratio "$(med P99 chassis-25)" "$(med P99 helidon-25)")
printf '  %-52s %5s   %s\n' "p99 chassis-25 / helidon-25" "$p99" "<= 2.00 $(verdict "$p99" 2 '<=')"
