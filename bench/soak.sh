#!/usr/bin/env bash
# Soak: the sample EHR with the gateway under the mixed load of bench/mixed-load.txt (reads, MRN search, clinical
# searches, an _include and a _revinclude) for N minutes, one wrk run per minute. After each minute it forces a
# full GC and prints throughput, errors, latency, heap after GC and RSS, so a leak or a slow death shows as a trend.
#
# usage: bench/soak.sh [--minutes N] [--connections C] [--xmx SIZE] [--port P] [--no-build]
#   --minutes N       how long to run (default 5); every minute is one row of the table
#   --connections C   concurrent connections (default 16)
#   --xmx SIZE        the launcher's heap (default 512m)
#   --port P          the launcher's port on 127.0.0.1 (default 18480)
#   --no-build        use the sample-ehr/target/sample-ehr.jar already built
# Loopback only; bounded by --minutes; it stops the launcher it started. Needs: java, mvn, wrk, jcmd, jstat, curl.
# The database is a fresh embedded H2 (seed data) under the run directory: OUT (default /tmp/soak/run-<time>).
# SAMPLE_EHR_JAR runs another build of the launcher (a copy with fhir-gateway.war and adapter-plugin/ beside it).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
MINUTES=5; CONNS=16; XMX=512m; PORT=18480; BUILD=1
while [ $# -gt 0 ]; do
  case $1 in
    --minutes) MINUTES=$2; shift 2 ;;
    --connections) CONNS=$2; shift 2 ;;
    --xmx) XMX=$2; shift 2 ;;
    --port) PORT=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
case $MINUTES in ''|*[!0-9]*) echo "--minutes needs a whole number" >&2; exit 2 ;; esac
case $CONNS in ''|*[!0-9]*) echo "--connections needs a whole number" >&2; exit 2 ;; esac
for tool in java wrk jcmd jstat curl; do
  command -v "$tool" >/dev/null || { echo "needs $tool (Debian: apt-get install -y wrk curl; a JDK for jcmd/jstat)" >&2; exit 2; }
done

OUT=${OUT:-/tmp/soak/run-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
if [ "$BUILD" = 1 ]; then
  (cd "$ROOT" && mvn -B -q -DskipTests package)
fi
JAR=${SAMPLE_EHR_JAR:-$ROOT/sample-ehr/target/sample-ehr.jar}   # its WAR and adapter-plugin/ sit beside it
[ -f "$JAR" ] || { echo "no $JAR: build first (mvn -B -q -DskipTests package) or drop --no-build" >&2; exit 2; }

BASE=http://127.0.0.1:$PORT/fhir-gateway
started=$(date +%s%N)
java "-Xmx$XMX" -jar "$JAR" --host 127.0.0.1 --port "$PORT" --dev-practice-header \
  --db "jdbc:h2:file:$OUT/ehr;DB_CLOSE_ON_EXIT=FALSE" >"$OUT/launcher.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  kill -0 $PID 2>/dev/null || { echo "the launcher exited; see $OUT/launcher.log" >&2; exit 1; }
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/health/ready")" = 200 ] && break
  sleep 0.2
done
ready_ms=$(( ($(date +%s%N) - started) / 1000000 ))

# wrk cycles through the mixed load; practice 1001 through the development header.
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

heap_after_gc_mib() {
  jcmd "$PID" GC.run >/dev/null
  sleep 1
  # S0U S1U EU OU are columns 3 4 6 8 of jstat -gc (KiB).
  jstat -gc "$PID" | awk 'NR==2 { printf "%.0f", ($3 + $4 + $6 + $8) / 1024 }'
}
rss_mib() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$PID/status"; }
to_ms() { # wrk latency like 12.34ms, 1.20s, 850.00us
  awk -v v="$1" 'BEGIN { if (v ~ /us$/) { sub(/us$/, "", v); printf "%.1f", v / 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.1f", v }
    else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.1f", v * 1000 } else printf "?" }'
}

echo "ready after ${ready_ms} ms (JVM start to /health/ready UP); -Xmx$XMX, $CONNS connections, $MINUTES min; run dir $OUT"
printf '| minute | req/s | errors | p50 ms | p99 ms | heap after GC MiB | RSS MiB |\n|---|---|---|---|---|---|---|\n'
printf '| 0 | - | - | - | - | %s | %s |\n' "$(heap_after_gc_mib)" "$(rss_mib)"
total_errors=0
for m in $(seq 1 "$MINUTES"); do
  wrk -t2 -c"$CONNS" -d60s --timeout 15s --latency -s "$OUT/mixed.lua" "http://127.0.0.1:$PORT" >"$OUT/wrk-$m.txt" 2>&1 || true
  rps=$(awk '/^Requests\/sec/ { print $2 }' "$OUT/wrk-$m.txt")
  non2xx=$(awk '/Non-2xx or 3xx responses/ { print $NF }' "$OUT/wrk-$m.txt"); non2xx=${non2xx:-0}
  sockerr=$(awk '/Socket errors/ { n = 0; for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) n += $i; print n }' "$OUT/wrk-$m.txt"); sockerr=${sockerr:-0}
  p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$OUT/wrk-$m.txt")")
  p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$OUT/wrk-$m.txt")")
  errors=$((non2xx + sockerr)); total_errors=$((total_errors + errors))
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$m" "${rps:-?}" "$errors" "$p50" "$p99" "$(heap_after_gc_mib)" "$(rss_mib)"
done
echo "errors in total: $total_errors (non-2xx answers and socket errors; wrk output in $OUT)"
[ "$total_errors" = 0 ]
