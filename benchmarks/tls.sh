#!/usr/bin/env bash
# TLS against plaintext, HTTP/1.1: one TlsVsPlaintext JVM serves the same JSON hello (metrics, request ids
# and the access log on) on a plaintext port and on a TLS port (TLS 1.3, an ECDSA P-256 certificate made
# here with openssl). wrk keeps its connections alive, so what is measured is the cost of encrypting and
# decrypting requests and responses, not handshakes. Measured against each other by pair.sh (which says
# how); no target: issue #14 asks for the ratio.
#
# Run it holding the Maven lock, so that no build runs next to it (it builds first, under that same lock):
#   flock /tmp/chassis-mvn.lock bash benchmarks/tls.sh
# Options (ROUNDS, REGIMES, DURATION, CONNECTIONS, warm-up, JVM_FLAGS, ports, LOGS, SKIP_BUILD): see pair.sh.
set -Eeuo pipefail
cd "$(dirname "$0")/.."
LOGS=${LOGS:-/tmp/chassis-tls-bench}
HTTP_PORT=${HTTP_PORT:-18280}
TLS_PORT=${TLS_PORT:-18283}
mkdir -p "$LOGS"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=localhost \
  -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout "$LOGS/key.pem" -out "$LOGS/cert.pem" 2>/dev/null
PAIR_TITLE="TLS vs plaintext, HTTP/1.1 keep-alive" PAIR_CLASS=io.chassis.benchmarks.TlsVsPlaintext
SERVER_ARGS=("$HTTP_PORT" "$TLS_PORT" "$LOGS/cert.pem" "$LOGS/key.pem")
A=plain A_PATH=/hello B=tls B_PATH=/hello B_URL=https://127.0.0.1:$TLS_PORT/hello TARGET=none
CA_FILE=$LOGS/cert.pem
# shellcheck source=pair.sh
source benchmarks/pair.sh
