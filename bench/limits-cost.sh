#!/usr/bin/env bash
# What the request limits cost: the sample EHR's gateway under the mixed load of bench/mixed-load.txt with limits
# off, with every limit on in memory, and with every limit on shared through Redis, as throughput ratios against
# limits off. The limits are set far above the load (never reached), so what is measured is the checking itself:
# the practice and client token buckets, the client's daily quota and the practice's concurrency counter on every
# request. Three launchers run side by side (one per variant, each with a fresh embedded H2) and wrk measures them
# in turn, the order rotating each round, so the variants share the machine's state alike.
#
# usage: bench/limits-cost.sh [--rounds N] [--seconds S] [--connections C] [--port P] [--redis URL] [--no-build]
#   --rounds N        measurement rounds (default 4), after one warm-up round per variant
#   --seconds S       seconds per wrk run (default 15)
#   --connections C   concurrent connections (default 16)
#   --port P          first launcher port on 127.0.0.1 (default 18580; the others use P+1, P+2)
#   --redis URL       the Redis of the shared variant (default redis://127.0.0.1:6379)
#   --no-build        use the sample-ehr/target/sample-ehr.jar already built
# Loopback only; it stops the launchers it started. Needs java, mvn, wrk, curl, bc and a running Redis.
# Output: OUT (default /tmp/limits-bench/run-<time>): report.md, raw wrk output, the launchers' logs.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
ROUNDS=4; SECONDS_PER_RUN=15; CONNS=16; PORT=18580; BUILD=1; REDIS=redis://127.0.0.1:6379
while [ $# -gt 0 ]; do
  case $1 in
    --rounds) ROUNDS=$2; shift 2 ;;
    --seconds) SECONDS_PER_RUN=$2; shift 2 ;;
    --connections) CONNS=$2; shift 2 ;;
    --port) PORT=$2; shift 2 ;;
    --redis) REDIS=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
for tool in java wrk curl bc; do
  command -v "$tool" >/dev/null || { echo "needs $tool (Debian: apt-get install -y wrk curl bc)" >&2; exit 2; }
done

OUT=${OUT:-/tmp/limits-bench/run-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
if [ "$BUILD" = 1 ]; then
  (cd "$ROOT" && mvn -B -q -DskipTests package)
fi
JAR=${SAMPLE_EHR_JAR:-$ROOT/sample-ehr/target/sample-ehr.jar}
[ -f "$JAR" ] || { echo "no $JAR: build first (mvn -B -q -DskipTests package) or drop --no-build" >&2; exit 2; }

# Every limit on, far above what the load reaches.
LIMITS="-Dfhirgateway.limits.practice-rate=1000000/s -Dfhirgateway.limits.client-rate=1000000/s
  -Dfhirgateway.limits.client-daily-quota=2000000000 -Dfhirgateway.limits.practice-concurrency=100000"
VARIANTS=(off memory redis)
declare -A OPTS=(
  [off]="-Dfhirgateway.limits.enabled=false"
  [memory]="$LIMITS"
  [redis]="$LIMITS -Dfhirgateway.limits.redis-url=$REDIS"
)
declare -A PORTS PIDS
i=0
for v in "${VARIANTS[@]}"; do
  PORTS[$v]=$((PORT + i)); i=$((i + 1))
  # shellcheck disable=SC2086
  java -Xmx512m ${OPTS[$v]} -jar "$JAR" --host 127.0.0.1 --port "${PORTS[$v]}" --dev-practice-header \
    --db "jdbc:h2:file:$OUT/ehr-$v;DB_CLOSE_ON_EXIT=FALSE" >"$OUT/launcher-$v.log" 2>&1 &
  PIDS[$v]=$!
done
cleanup() { for v in "${VARIANTS[@]}"; do kill "${PIDS[$v]}" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
for v in "${VARIANTS[@]}"; do
  for _ in $(seq 1 900); do
    kill -0 "${PIDS[$v]}" 2>/dev/null || { echo "launcher $v exited; see $OUT/launcher-$v.log" >&2; exit 1; }
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${PORTS[$v]}/fhir-gateway/health/ready")" = 200 ] && break
    sleep 0.2
  done
done
grep -h "Request limits" "$OUT"/launcher-*.log | sed 's/^/  /' || true

{
  echo 'local paths = {'
  grep -v '^#' "$HERE/mixed-load.txt" | sed '/^[[:space:]]*$/d' | sed 's/.*/  "&",/'
  echo '}'
  cat <<'LUA'
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/fhir-gateway/fhir/" .. paths[(i % #paths) + 1],
    { ["X-Practice-Pin"] = "1001", ["Accept"] = "application/fhir+json" })
end
LUA
} >"$OUT/mixed.lua"

run() { # variant round -> req/s (non-2xx answers are reported, a limit must never be reached)
  local v=$1 r=$2 f="$OUT/wrk-$1-$2.txt"
  wrk -t2 -c"$CONNS" -d"${SECONDS_PER_RUN}s" --timeout 15s -s "$OUT/mixed.lua" "http://127.0.0.1:${PORTS[$v]}" >"$f" 2>&1 || true
  if grep -q "Non-2xx" "$f"; then echo "  $v round $r: $(grep Non-2xx "$f")" >&2; fi
  awk '/^Requests\/sec/ { print $2 }' "$f"
}

echo "warm-up: one run per variant"
for v in "${VARIANTS[@]}"; do run "$v" warmup >/dev/null; done
declare -A RPS
for r in $(seq 1 "$ROUNDS"); do
  order=("${VARIANTS[@]:$(( (r - 1) % 3 ))}" "${VARIANTS[@]:0:$(( (r - 1) % 3 ))}")
  for v in "${order[@]}"; do RPS[$v,$r]=$(run "$v" "$r"); done
  echo "round $r: off ${RPS[off,$r]}, memory ${RPS[memory,$r]}, redis ${RPS[redis,$r]} req/s"
done

{
  echo "| round | limits off req/s | in memory req/s | Redis req/s | memory / off | Redis / off |"
  echo "|---|---|---|---|---|---|"
  so=0; sm=0; sr=0
  for r in $(seq 1 "$ROUNDS"); do
    o=${RPS[off,$r]}; m=${RPS[memory,$r]}; d=${RPS[redis,$r]}
    so=$(echo "$so + $o" | bc -l); sm=$(echo "$sm + $m" | bc -l); sr=$(echo "$sr + $d" | bc -l)
    printf '| %s | %s | %s | %s | %.3f | %.3f |\n' "$r" "$o" "$m" "$d" "$(echo "$m / $o" | bc -l)" "$(echo "$d / $o" | bc -l)"
  done
  printf '| all | %.0f | %.0f | %.0f | **%.3f** | **%.3f** |\n' "$(echo "$so / $ROUNDS" | bc -l)" \
    "$(echo "$sm / $ROUNDS" | bc -l)" "$(echo "$sr / $ROUNDS" | bc -l)" "$(echo "$sm / $so" | bc -l)" "$(echo "$sr / $so" | bc -l)"
} | tee "$OUT/report.md"
echo "wrk output and logs: $OUT"
