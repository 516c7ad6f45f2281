#!/usr/bin/env bash
# What per-practice metering costs: CPU time per request of the gateway with metering on against off, in one run.
#
# usage: bench/metering-cost.sh [--no-build]
# env: PAIRS=4 ROUNDS=4 DURATION=10s WARMUP=60s CONNS=8 EHR_PORT=18480 (the token issuer; the other launcher on +1)
#      TOGETHER=1 (drive both launchers at once, CONNS/2 connections each; 0: one after the other, order alternating)
#      ISSUER=alternate (third: a third launcher, never driven, issues the tokens both measured launchers trust)
#      CONTROL=0 (1: an A/A control, both launchers unmetered, to show what the method reads when there is nothing
#                 to find: its spread and any bias between the two roles)
#      LAUNCHER_JAR=sample-ehr/target/sample-ehr.jar  OUT=/tmp/gateway-bench/metering-<time>
#
# Two launchers of the sample EHR on copies of one embedded H2 database, one with fhirgateway.metrics.enabled=false.
# One of them is also the authorization server whose tokens the other trusts; the roles alternate from pair to pair
# (odd pairs: the metered launcher issues the tokens; even pairs: the unmetered one), so that whatever that role
# costs or however its JVM warms up falls on both sides equally. ISSUER=third takes the role out of the pair: a
# third launcher, never driven, issues the tokens and both measured launchers trust it. Each round drives both at the same time
# (TOGETHER=1) with wrk on the same mix: Patient read, MRN search and a laboratory search, with a bearer token of the
# matching practice, so authentication, metering's client tag and the usage ledger are all in play. The figure is
# CPU per request: the process's user+system time (/proc/PID/stat) over the requests answered. On a CPU-bound
# server throughput is its inverse, and unlike req/s it does not move with what else the machine runs. Prints each
# round and the median ratio metered / unmetered; metering's cost is that ratio minus one.
# Each of PAIRS pairs is a fresh start of both launchers (warmed for WARMUP per workload, then ROUNDS rounds): how
# well the JIT compiles one JVM differs from the next by several percent, so, like JMH's forks, the median is taken
# over rounds of several pairs of processes, and each pair's median is printed too.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
PAIRS=${PAIRS:-4} ROUNDS=${ROUNDS:-4} TOGETHER=${TOGETHER:-1} CONTROL=${CONTROL:-0} ISSUER=${ISSUER:-alternate} DURATION=${DURATION:-10s} WARMUP=${WARMUP:-60s} CONNS=${CONNS:-8}
EHR_PORT=${EHR_PORT:-18480}
OUT=${OUT:-/tmp/gateway-bench/metering-$(date +%Y%m%d-%H%M%S)}
JAR=${LAUNCHER_JAR:-$ROOT/sample-ehr/target/sample-ehr.jar}
for tool in java mvn wrk jq curl; do
  command -v $tool >/dev/null || { echo "missing $tool (Debian: apt-get install -y wrk jq curl)" >&2; exit 2; }
done
if [ "${1:-}" != --no-build ]; then
  echo "building sample-ehr (mvn package) ..."
  (cd "$ROOT" && mvn -B -q -pl sample-ehr -am package -DskipTests) || { echo "build failed" >&2; exit 1; }
fi
[ -f "$JAR" ] || { echo "no $JAR: build without --no-build" >&2; exit 1; }
mkdir -p "$OUT"; echo "results in $OUT"

STARTED=()
cleanup() { for p in "${STARTED[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
start() { # name port jvm-opts... -> LAUNCHED_PID
  local name=$1 port=$2; shift 2
  mkdir -p "$OUT/ehr-$name"
  (cd "$OUT/ehr-$name" && exec setsid java "$@" -jar "$JAR" --host 127.0.0.1 --port "$port" \
      >>"$OUT/ehr-$name/launcher.log" 2>&1 </dev/null) &
  LAUNCHED_PID=$!; STARTED+=("$LAUNCHED_PID")
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/fhir-gateway/fhir/metadata")" = 200 ]; do
    kill -0 "$LAUNCHED_PID" 2>/dev/null || { echo "launcher $name exited, see $OUT/ehr-$name/launcher.log" >&2; exit 1; }
    sleep 0.1
  done
}

BASE=http://127.0.0.1:$EHR_PORT   # the launcher that issues the tokens
start metered "$EHR_PORT"; PID_ON=$LAUNCHED_PID
kill "$PID_ON"; while kill -0 "$PID_ON" 2>/dev/null; do sleep 0.1; done   # seeded; copy the database while stopped
mkdir -p "$OUT/ehr-unmetered"; cp -r "$OUT/ehr-metered/.sample-ehr" "$OUT/ehr-unmetered/"
TRUST_ISSUER=(-Dfhirgateway.auth.issuer="$BASE/oauth" -Dfhirgateway.auth.audience="$BASE/fhir-gateway/fhir"
              -Dfhirgateway.auth.jwks-url="$BASE/oauth/jwks")
METERING=(); [ "$CONTROL" = 1 ] && METERING=(-Dfhirgateway.metrics.enabled=false)   # the A/A control: both off
UNMETERED=(-Dfhirgateway.metrics.enabled=false)
if [ "$ISSUER" = third ]; then
  # A third launcher, never driven, issues the tokens; both measured launchers trust it, so neither has that role.
  mkdir -p "$OUT/ehr-issuer"; cp -r "$OUT/ehr-metered/.sample-ehr" "$OUT/ehr-issuer/"
  start issuer "$EHR_PORT"
fi
# start_pair PAIR -> PID_ON PORT_ON PID_OFF PORT_OFF. ISSUER=alternate: the issuer of tokens (on EHR_PORT) alternates
# between the two measured launchers from pair to pair; ISSUER=third: the third launcher on EHR_PORT issues them.
start_pair() {
  if [ "$ISSUER" = third ]; then
    start metered $((EHR_PORT + 1)) "${METERING[@]}" "${TRUST_ISSUER[@]}"; PID_ON=$LAUNCHED_PID; PORT_ON=$((EHR_PORT + 1))
    start unmetered $((EHR_PORT + 2)) "${UNMETERED[@]}" "${TRUST_ISSUER[@]}"; PID_OFF=$LAUNCHED_PID; PORT_OFF=$((EHR_PORT + 2))
  elif [ $(($1 % 2)) = 1 ]; then
    start metered "$EHR_PORT" "${METERING[@]}"; PID_ON=$LAUNCHED_PID; PORT_ON=$EHR_PORT
    start unmetered $((EHR_PORT + 1)) "${UNMETERED[@]}" "${TRUST_ISSUER[@]}"; PID_OFF=$LAUNCHED_PID; PORT_OFF=$((EHR_PORT + 1))
  else
    start unmetered "$EHR_PORT" "${UNMETERED[@]}"; PID_OFF=$LAUNCHED_PID; PORT_OFF=$EHR_PORT
    start metered $((EHR_PORT + 1)) "${METERING[@]}" "${TRUST_ISSUER[@]}"; PID_ON=$LAUNCHED_PID; PORT_ON=$((EHR_PORT + 1))
  fi
}
stop_pair() { kill "$PID_ON" "$PID_OFF"; while kill -0 "$PID_ON" 2>/dev/null || kill -0 "$PID_OFF" 2>/dev/null; do sleep 0.1; done; }
start_pair 1

token() { curl -sf -u "demo-$1:demo-$1-secret" -d grant_type=client_credentials -d 'scope=system/*.rs' \
    "$BASE/oauth/token" | jq -r .access_token; }
MRN=$(curl -sf -H "Authorization: Bearer $(token 1001)" "$BASE/fhir-gateway/fhir/Patient/85" \
    | jq -r '.identifier[] | select(.type.coding[]?.code == "MR") | .value' | head -1)
# workload path | practice (patient 85 is in practice 1001, 355 in 2002)
WORKLOADS=("Patient/85|1001" "Patient?identifier=$MRN|1001" "Observation?patient=355&category=laboratory|2002")
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
TCK=$(getconf CLK_TCK)
# drive PORT PID DURATION [CONNS] -> prints "requests cpu_ticks non2xx"
drive() {
  local port=$1 pid=$2 d=$3 conns=${4:-$CONNS} a b reqs=0 bad=0 out w t1001 t2002 t
  # Fresh tokens (they live 5 minutes), fetched before the clock starts: the token endpoint is the metered launcher's.
  t1001=$(token 1001); t2002=$(token 2002)
  a=$(cpu_ticks "$pid")
  for w in "${WORKLOADS[@]}"; do
    if [ "${w#*|}" = 1001 ]; then t=$t1001; else t=$t2002; fi
    out=$(wrk -t2 -c"$conns" -d"$d" -H "Authorization: Bearer $t" -H 'Accept: application/fhir+json' \
        "http://127.0.0.1:$port/fhir-gateway/fhir/${w%%|*}")
    reqs=$((reqs + $(echo "$out" | awk '/requests in/{print $1}')))
    bad=$((bad + $(echo "$out" | awk '/Non-2xx/{print $4} END{print 0}' | head -1)))
  done
  b=$(cpu_ticks "$pid")
  echo "$reqs $((b - a)) $bad"
}
# drive_both DURATION ROUND -> sets on and off ("requests cpu_ticks non2xx" of each launcher)
drive_both() {
  local d=$1 r=$2 driving
  if [ "$TOGETHER" = 1 ]; then
    # Both at once, each with half the connections: the machine's speed drifts by 10-25% from one 30 s window to
    # the next here (shared host), and driving both in the same window cancels that drift out of the ratio.
    drive "$PORT_ON" "$PID_ON" "$d" $((CONNS / 2)) >"$OUT/on.txt" & driving=$!
    drive "$PORT_OFF" "$PID_OFF" "$d" $((CONNS / 2)) >"$OUT/off.txt"
    wait "$driving"; on=$(cat "$OUT/on.txt"); off=$(cat "$OUT/off.txt")
  elif [ $((r % 2)) = 1 ]; then on=$(drive "$PORT_ON" "$PID_ON" "$d"); off=$(drive "$PORT_OFF" "$PID_OFF" "$d")
  else off=$(drive "$PORT_OFF" "$PID_OFF" "$d"); on=$(drive "$PORT_ON" "$PID_ON" "$d"); fi
}
median() { sort -g | awk '{v[NR]=$1} END{print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
[ "$CONTROL" = 1 ] && echo "A/A CONTROL: both launchers unmetered; 'metered' below is only the role" | tee "$OUT/report.md"
printf '| pair | issuer | round | metered µs CPU / request | unmetered µs CPU / request | metered / unmetered |\n|---|---|---|---|---|---|\n' \
    | tee -a "$OUT/report.md"
RATIOS=(); PAIR_MEDIANS=(); ROLE_ON=(); ROLE_OFF=()   # rounds by which launcher issued the tokens
for p in $(seq 1 "$PAIRS"); do
  [ "$p" = 1 ] || { stop_pair; start_pair "$p"; }
  echo "pair $p: warming up both ($WARMUP per workload) ..." >&2
  drive_both "$WARMUP" 1
  PAIR_RATIOS=()
  for r in $(seq 1 "$ROUNDS"); do
    drive_both "$DURATION" "$r"
    read -r on_reqs on_ticks on_bad <<<"$on"; read -r off_reqs off_ticks off_bad <<<"$off"
    [ "$on_bad" = 0 ] && [ "$off_bad" = 0 ] || { echo "non-2xx answers in pair $p round $r: $on_bad metered, $off_bad unmetered" >&2; exit 1; }
    on_us=$(echo "$on_ticks * 1000000 / $TCK / $on_reqs" | bc -l); off_us=$(echo "$off_ticks * 1000000 / $TCK / $off_reqs" | bc -l)
    ratio=$(echo "$on_us / $off_us" | bc -l); RATIOS+=("$ratio"); PAIR_RATIOS+=("$ratio")
    if [ "$ISSUER" = third ]; then :; elif [ $((p % 2)) = 1 ]; then ROLE_ON+=("$ratio"); else ROLE_OFF+=("$ratio"); fi
    printf '| %d | %s | %d | %.0f (%d requests) | %.0f (%d requests) | %.3f |\n' "$p" "$([ "$ISSUER" = third ] && echo third || { [ $((p % 2)) = 1 ] && echo metered || echo unmetered; })" \
        "$r" "$on_us" "$on_reqs" "$off_us" "$off_reqs" \
        "$ratio" | tee -a "$OUT/report.md"
  done
  PAIR_MEDIANS+=("$(printf '%s\n' "${PAIR_RATIOS[@]}" | median)")
done
printf '\nmedian of each pair:' | tee -a "$OUT/report.md"
printf ' %.3f' "${PAIR_MEDIANS[@]}" | tee -a "$OUT/report.md"
echo | tee -a "$OUT/report.md"
MEDIAN=$(printf '%s\n' "${RATIOS[@]}" | median)
# The middle half of the rounds: how far one round's ratio can be trusted on this machine.
QUARTILES=$(printf '%s\n' "${RATIOS[@]}" | sort -g | awk '{v[NR]=$1} END{printf "%.3f-%.3f", v[int((NR+3)/4)], v[int((3*NR+3)/4)]}')
if [ "${#ROLE_OFF[@]}" -gt 0 ]; then
  # A crossover: each role's median, and their mean, which cancels what the issuer role itself costs.
  M_ON=$(printf '%s\n' "${ROLE_ON[@]}" | median); M_OFF=$(printf '%s\n' "${ROLE_OFF[@]}" | median)
  printf '\nmedian when the metered launcher issues the tokens: %.3f; when the unmetered one does: %.3f; their mean: %.3f\n' \
      "$M_ON" "$M_OFF" "$(echo "($M_ON + $M_OFF) / 2" | bc -l)" | tee -a "$OUT/report.md"
fi
printf '\nmedian metered / unmetered CPU per request over %d rounds of %d pairs: %.3f, middle half of the rounds %s (metering costs %.1f%% of CPU per request%s)\n' \
    "${#RATIOS[@]}" "$PAIRS" "$MEDIAN" "$QUARTILES" "$(echo "($MEDIAN - 1) * 100" | bc -l)" \
    "$([ "$CONTROL" = 1 ] && echo '; A/A CONTROL: no metering on either side, so this is the method'"'"'s own error')" | tee -a "$OUT/report.md"
