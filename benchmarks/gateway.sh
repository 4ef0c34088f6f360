#!/usr/bin/env bash
# The gRPC-JSON gateway against a hand-written route: one GatewayVsRoute server (the currency example as it
# ships: metrics and access log on, no tracing; its output to a file) answers
#
#   gateway  GET /v1/rates/EUR/USD    the google.api.http route: path -> GetRateRequest, an in-process gRPC
#                                     call through the chassis interceptors, the Rate printed by JsonFormat
#   hand     GET /hand/rates/EUR/USD  a chassis route calling CurrencyServiceImpl.getRate directly and
#                                     printing the Rate with the gateway's JsonFormat settings
#
# measured against each other by pair.sh (which says how), target gateway/hand >= 0.70.
#
# Run it holding the Maven lock, so that no build runs next to it (it builds first, under that same lock):
#   flock /tmp/chassis-mvn.lock bash benchmarks/gateway.sh
#
# Options (ROUNDS, REGIMES, DURATION, CONNECTIONS, warm-up, JVM_FLAGS, ports, LOGS, SKIP_BUILD): see pair.sh.
# The warm-up runs until the JIT is quiet because a fixed 15 s is not enough pinned: the JIT still took
# 10-14 % of the one core during the measurements after it, and the gateway, with more code to compile,
# came out at 0.55x where a 60 s warm-up gave 0.67x.
set -Eeuo pipefail
PAIR_TITLE="gateway vs hand-written route" PAIR_CLASS=io.chassis.benchmarks.GatewayVsRoute
A=hand A_PATH=/hand/rates/EUR/USD B=gateway B_PATH=/v1/rates/EUR/USD TARGET=0.70
LOGS=${LOGS:-/tmp/chassis-gateway-bench}
# shellcheck source=pair.sh
source "$(dirname "$0")/pair.sh"
