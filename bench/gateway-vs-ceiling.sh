#!/usr/bin/env bash
# The gateway, deployed by the sample EHR's launcher, against the HAPI ceiling of ../shared/perf, in one run.
#
# usage: bench/gateway-vs-ceiling.sh [--no-build] [--no-variants] [--jetty-256m] [--db JDBC_URL [--db-user U] [--db-password P]]
#   --no-build     use the sample-ehr/target and ceiling jars already built
#   --no-variants  measure only the gateway as shipped (no metering-off / token-cache-off launchers)
#   --jetty-256m   also the WAR alone in the Jetty 12 distribution (docs/deploy.md) with -Xmx256m, its adapter
#                  reading the launcher's database over loopback (--h2-port; with --db, that database directly)
#   --db URL       the sample EHR's database (default: a fresh embedded H2 database under $OUT)
# env: REPS=1 CONNS=32 DURATION=15s WARMUP=30s THREADS=2 (handed to run.sh)
#      PREWARM=60s (each launcher, each of the five workloads, before run.sh; 0 for none: see the warm-up below)
#      EHR_PORT=18280 (the launchers listen on EHR_PORT, +1, +2; Jetty on +3, the H2 bridge on +4)  PORT_A=18291 PORT_B=18292 PORT_A2=18293
#      LAUNCHER_OPTS="" (JVM options of every launcher)  MVN_ARGS="" (e.g. -o)  OUT=/tmp/gateway-bench/run-<time>
#      LAUNCHER_JAR=sample-ehr/target/sample-ehr.jar (with fhir-gateway.war and adapter-plugin/ beside it)
#
# What it does: builds (mvn package, never install), starts the sample EHR once on an empty database (timing the
# first start, seeding included), restarts it (startup time: JVM start to the first 200 on metadata), starts two
# more launchers with fhirgateway.metrics.enabled=false and fhirgateway.auth.token-cache-size=0 (they accept the
# first launcher's tokens), and runs ../shared/perf/run.sh --coalesce-also with all three as targets, so every
# ratio comes from one run. Tokens come from the first launcher's development authorization server: practice
# 1001 for the Patient workloads (patient 85), 2002 for the Observation workloads (patient 355).
# Prints run.sh's summary (correctness table included), then gateway / A+co per workload, metered / unmetered,
# token cache on / off, the launcher's startup time and its peak RSS under load. Results land in $OUT.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
SHARED=$(cd "$ROOT/../shared" 2>/dev/null && pwd) || { echo "../shared not found beside $ROOT" >&2; exit 2; }
RUN_SH=$SHARED/perf/run.sh
[ -x "$RUN_SH" ] || { echo "missing $RUN_SH" >&2; exit 2; }

export REPS=${REPS:-1} CONNS=${CONNS:-32} DURATION=${DURATION:-15s} WARMUP=${WARMUP:-30s} THREADS=${THREADS:-2}
PREWARM=${PREWARM:-60s}
export PORT_A=${PORT_A:-18291} PORT_B=${PORT_B:-18292} PORT_A2=${PORT_A2:-18293}
export VARIANT_CONNS=${VARIANT_CONNS:-$CONNS}
EHR_PORT=${EHR_PORT:-18280}
LAUNCHER_OPTS=${LAUNCHER_OPTS:-}
MVN_ARGS=${MVN_ARGS:-}
OUT=${OUT:-/tmp/gateway-bench/run-$(date +%Y%m%d-%H%M%S)}
# Our own copy of the ceiling's build: run.sh's default folder is shared with anyone else running it.
export BUILD_DIR=${BUILD_DIR:-/tmp/gateway-bench/bare-hapi-build}

BUILD=1; VARIANTS=1; JETTY=0; DB_ARGS=(); DB_URL=""; DB_USER=""; DB_PASSWORD=""
while [ $# -gt 0 ]; do
  case $1 in
    --no-build) BUILD=0 ;;
    --no-variants) VARIANTS=0 ;;
    --jetty-256m) JETTY=1 ;;
    --db) DB_URL=$2; DB_ARGS+=(--db "$2"); shift ;;
    --db-user) DB_USER=$2; DB_ARGS+=("$1" "$2"); shift ;;
    --db-password) DB_PASSWORD=$2; DB_ARGS+=("$1" "$2"); shift ;;
    -h|--help) sed -n "2,24p" "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done
for tool in java mvn wrk jq curl; do
  command -v $tool >/dev/null || { echo "missing $tool (Debian: apt-get install -y wrk jq curl)" >&2; exit 2; }
done
mkdir -p "$OUT"
echo "results in $OUT"

JAR=${LAUNCHER_JAR:-$ROOT/sample-ehr/target/sample-ehr.jar}
if [ $BUILD = 1 ]; then
  echo "building sample-ehr (mvn package) ..."
  # shellcheck disable=SC2086
  (cd "$ROOT" && mvn -B -q $MVN_ARGS -pl sample-ehr -am package -DskipTests) || { echo "build failed" >&2; exit 1; }
fi
[ -f "$JAR" ] || { echo "no $JAR: build without --no-build" >&2; exit 1; }
RUN_ARGS=(--coalesce-also)
[ $BUILD = 0 ] && [ -f "$BUILD_DIR/target/bare-hapi.jar" ] && RUN_ARGS+=(--no-build)

STARTED=()
cleanup() { for p in "${STARTED[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

now_ms() { date +%s%3N; }
# start_launcher NAME PORT [JVM-OPTS (-D...) | LAUNCHER-ARGS (--...)]... -> sets LAUNCHED_PID and LAUNCHED_MS (JVM
# start to first 200 on metadata)
start_launcher() {
  local name=$1 port=$2; shift 2
  local dir=$OUT/ehr-$name t0 deadline jvm=() args=()
  while [ $# -gt 0 ]; do
    case $1 in -D*|-X*) jvm+=("$1") ;; *) args+=("$1") ;; esac
    shift
  done
  mkdir -p "$dir"
  t0=$(now_ms); deadline=$((t0 + 300000))
  # shellcheck disable=SC2086
  (cd "$dir" && exec setsid java $LAUNCHER_OPTS "${jvm[@]}" -jar "$JAR" --host 127.0.0.1 --port "$port" \
      "${DB_ARGS[@]}" "${args[@]}" >>"$dir/launcher.log" 2>&1 </dev/null) &
  LAUNCHED_PID=$!
  STARTED+=("$LAUNCHED_PID")
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/fhir-gateway/fhir/metadata")" = 200 ]; do
    kill -0 "$LAUNCHED_PID" 2>/dev/null || { echo "launcher $name exited, see $dir/launcher.log" >&2; exit 1; }
    [ "$(now_ms)" -gt $deadline ] && { echo "launcher $name did not start, see $dir/launcher.log" >&2; exit 1; }
    sleep 0.05
  done
  LAUNCHED_MS=$(( $(now_ms) - t0 ))
}
stop_launcher() { kill "$1"; while kill -0 "$1" 2>/dev/null; do sleep 0.1; done; }
status_mib() { awk -v k="$2:" '$1==k{printf "%.0f", $2/1024}' "/proc/$1/status" 2>/dev/null || echo "?"; }

# --- the launchers ----------------------------------------------------------
echo "first start of the sample EHR (seeds an empty database) ..."
start_launcher gateway "$EHR_PORT"
FIRST_START_MS=$LAUNCHED_MS
stop_launcher "$LAUNCHED_PID"
echo "restart (startup time on an existing database) ..."
H2_BRIDGE=()
[ $JETTY = 1 ] && [ -z "$DB_URL" ] && H2_BRIDGE=(--h2-port $((EHR_PORT + 4)))
start_launcher gateway "$EHR_PORT" "${H2_BRIDGE[@]}"
PID_GW=$LAUNCHED_PID; START_MS=$LAUNCHED_MS; RSS_IDLE=$(status_mib "$PID_GW" VmRSS)
BASE=http://127.0.0.1:$EHR_PORT
TARGETS=("gateway=$BASE/fhir-gateway/fhir@$PID_GW")

if [ $VARIANTS = 1 ]; then
  # The variants verify the first launcher's tokens, so one HEADER_CMD serves every target.
  TRUST=(-Dfhirgateway.auth.issuer="$BASE/oauth" -Dfhirgateway.auth.audience="$BASE/fhir-gateway/fhir"
         -Dfhirgateway.auth.jwks-url="$BASE/oauth/jwks")
  if [ -z "$DB_URL" ]; then  # the embedded database is one process's: each variant gets a copy (not seeded again)
    for v in metrics-off token-cache-off; do mkdir -p "$OUT/ehr-$v"; cp -r "$OUT/ehr-gateway/.sample-ehr" "$OUT/ehr-$v/"; done
  fi
  echo "starting the variants ..."
  start_launcher metrics-off $((EHR_PORT + 1)) "${TRUST[@]}" -Dfhirgateway.metrics.enabled=false
  TARGETS+=("gateway-metrics-off=http://127.0.0.1:$((EHR_PORT + 1))/fhir-gateway/fhir@$LAUNCHED_PID")
  start_launcher token-cache-off $((EHR_PORT + 2)) "${TRUST[@]}" -Dfhirgateway.auth.token-cache-size=0
  TARGETS+=("gateway-token-cache-off=http://127.0.0.1:$((EHR_PORT + 2))/fhir-gateway/fhir@$LAUNCHED_PID")
fi

if [ $JETTY = 1 ]; then
  # The WAR alone in the Jetty 12 distribution, as docs/deploy.md sets it up, with a 256 MiB heap. It trusts the
  # launcher's tokens (same issuer, audience and key set), so one HEADER_CMD serves it too.
  JETTY_VERSION=$(sed -n 's:.*<it.jetty-home.version>\(.*\)</it.jetty-home.version>.*:\1:p' "$ROOT/sample-ehr/pom.xml")
  JETTY_HOME_DIR=$OUT/jetty-home-$JETTY_VERSION
  if [ ! -f "$JETTY_HOME_DIR/start.jar" ]; then
    # shellcheck disable=SC2086
    (cd "$ROOT" && mvn -B -q $MVN_ARGS dependency:copy -Dartifact="org.eclipse.jetty:jetty-home:$JETTY_VERSION:tar.gz" \
        -DoutputDirectory="$OUT") || { echo "could not fetch jetty-home $JETTY_VERSION" >&2; exit 1; }
    tar -xzf "$OUT/jetty-home-$JETTY_VERSION.tar.gz" -C "$OUT"
  fi
  JETTY_BASE=$OUT/jetty-base; JETTY_PORT=$((EHR_PORT + 3))
  mkdir -p "$JETTY_BASE/webapps"
  (cd "$JETTY_BASE" && java -jar "$JETTY_HOME_DIR/start.jar" --add-modules=http,ee10-deploy,graceful,jmx >"$OUT/jetty-add-modules.log" 2>&1)
  if [ -n "$DB_URL" ]; then
    ADAPTER_URL=$DB_URL; ADAPTER_USER=$DB_USER; ADAPTER_PASSWORD=$DB_PASSWORD
  else  # the banner of the launcher's last start names its H2 bridge and this start's read-only account
    ADAPTER_URL=$(grep -o 'Adapter database: *jdbc:h2:tcp://[^ ]*' "$OUT/ehr-gateway/launcher.log" | tail -1 | sed 's/^Adapter database: *//')
    ADAPTER_USER=$(grep -o 'user [A-Z_]*, password [^ ]*' "$OUT/ehr-gateway/launcher.log" | tail -1 | awk '{print $2}' | tr -d ,)
    ADAPTER_PASSWORD=$(grep -o 'user [A-Z_]*, password [^ ]*' "$OUT/ehr-gateway/launcher.log" | tail -1 | awk '{print $4}')
  fi
  xml() { sed 's/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g'; }
  param() { echo "  <Call name=\"setInitParameter\"><Arg>$1</Arg><Arg>$(printf '%s' "$2" | xml)</Arg></Call>"; }
  {
    echo '<?xml version="1.0" encoding="UTF-8"?>'
    echo '<!DOCTYPE Configure PUBLIC "-//Jetty//Configure//EN" "https://jetty.org/configure_10_0.dtd">'
    echo '<Configure class="org.eclipse.jetty.ee10.webapp.WebAppContext">'
    echo '  <Set name="contextPath">/fhir-gateway</Set>'
    echo "  <Set name=\"war\">$(dirname "$JAR")/fhir-gateway.war</Set>"
    echo '  <Set name="throwUnavailableOnStartupException">true</Set>'
    param fhirgateway.plugin-dir "$(dirname "$JAR")/adapter-plugin"
    param fhirgateway.adapter.jdbc.url "$ADAPTER_URL"
    param fhirgateway.auth.issuer "$BASE/oauth"
    param fhirgateway.auth.jwks-url "$BASE/oauth/jwks"
    param fhirgateway.auth.audience "$BASE/fhir-gateway/fhir"
    param fhirgateway.smart.token-endpoint "$BASE/oauth/token"
    param fhirgateway.paging.secret "bench-paging-secret-of-at-least-32-characters"
    echo '</Configure>'
  } >"$JETTY_BASE/webapps/fhir-gateway.xml"
  echo "starting the WAR in the Jetty distribution (-Xmx256m) ..."
  t0=$(now_ms)
  (cd "$JETTY_BASE" && FHIRGATEWAY_ADAPTER_JDBC_USER=$ADAPTER_USER FHIRGATEWAY_ADAPTER_JDBC_PASSWORD=$ADAPTER_PASSWORD \
      exec setsid java -Xmx256m -jar "$JETTY_HOME_DIR/start.jar" jetty.http.host=127.0.0.1 jetty.http.port=$JETTY_PORT \
      >"$OUT/jetty.log" 2>&1 </dev/null) &
  PID_JETTY=$!; STARTED+=("$PID_JETTY")
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$JETTY_PORT/fhir-gateway/health/ready")" = 200 ]; do
    kill -0 "$PID_JETTY" 2>/dev/null || { echo "Jetty exited, see $OUT/jetty.log" >&2; exit 1; }
    [ "$(now_ms)" -gt $((t0 + 300000)) ] && { echo "Jetty did not get ready, see $OUT/jetty.log" >&2; exit 1; }
    sleep 0.1
  done
  JETTY_START_MS=$(( $(now_ms) - t0 ))
  TARGETS+=("gateway-jetty-256m=http://127.0.0.1:$JETTY_PORT/fhir-gateway/fhir@$PID_JETTY")
fi

HEADER=$OUT/token-for-workload.sh
cat >"$HEADER" <<EOF
#!/usr/bin/env bash
# Prints a fresh Authorization header for run.sh's workload \$WL: patient 85 is in practice 1001, 355 in 2002.
case "\${WL:-read}" in read|mrn) practice=1001 ;; *) practice=2002 ;; esac
curl -sf -u "demo-\$practice:demo-\$practice-secret" -d grant_type=client_credentials -d 'scope=system/*.rs' \\
  "$BASE/oauth/token" | jq -r '"Authorization: Bearer " + .access_token'
EOF
chmod +x "$HEADER"

# --- JIT warm-up of the launchers ---------------------------------------------
# A launcher is a large application (HAPI, Jetty, H2, Jdbi, the gateway) on two cores: its CPU per request kept
# falling for about 90 s of load (Patient read: 2,291 µs in the first 8 s, 339 µs after 80 s), while run.sh warms
# each target for WARMUP per workload only, and Patient read comes first. So every launcher gets PREWARM of each
# of the five workloads here first; the ceiling servers, much smaller, get run.sh's WARMUP like every target.
if [ "$PREWARM" != 0 ]; then
  for t in "${TARGETS[@]}"; do
    url=${t#*=}; url=${url%@*}
    echo "warming ${t%%=*} ($PREWARM per workload) ..."
    mrn=$(curl -sf -H "$(WL=read "$HEADER")" -H 'Accept: application/fhir+json' "$url/Patient/85" \
        | jq -r '.identifier[] | select(.type.coding[]?.code == "MR") | .value' | head -1)
    for w in "read|Patient/85" "mrn|Patient?identifier=$mrn" "lab|Observation?patient=355&category=laboratory" \
        "vitals-p1|Observation?patient=355&category=vital-signs&_count=10" "code|Observation?patient=355&code=8302-2"; do
      wrk -t"$THREADS" -c"${CONNS%% *}" -d"$PREWARM" -H "$(WL=${w%%|*} "$HEADER")" -H 'Accept: application/fhir+json' \
          "$url/${w#*|}" >/dev/null
    done
  done
fi

# --- the run ------------------------------------------------------------------
OUT=$OUT/run HEADER_CMD=$HEADER "$RUN_SH" "${RUN_ARGS[@]}" "${TARGETS[@]}"

# --- the report -----------------------------------------------------------------
RES=$OUT/run/results.tsv
ratio_table() { # title numerator denominator label
  echo
  echo "## $1"
  echo "| workload | conns | $2 req/s | $3 req/s | $4 |"
  echo "|---|---|---|---|---|"
  awk -F'\t' -v a="$2" -v b="$3" '
    function med(s,   n, v, i, j, t) {
      n = split(s, v, " ")
      for (i = 2; i <= n; i++) { t = v[i]; for (j = i - 1; j >= 1 && v[j] + 0 > t + 0; j--) v[j + 1] = v[j]; v[j + 1] = t }
      return (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
    }
    NR == 1 { next }
    $1 == a || $1 == b { k = $2 SUBSEP $3; r[k SUBSEP $1] = r[k SUBSEP $1] " " $5; if (!(k in seen)) { seen[k] = 1; order[++n] = k } }
    END {
      for (i = 1; i <= n; i++) {
        k = order[i]; split(k, wc, SUBSEP)
        if (!((k SUBSEP a) in r) || !((k SUBSEP b) in r)) continue
        x = med(r[k SUBSEP a]); y = med(r[k SUBSEP b])
        printf "| %s | %s | %.0f | %.0f | %.2f |\n", wc[1], wc[2], x, y, (y > 0 ? x / y : 0)
      }
    }' "$RES"
}
{
  echo "# gateway vs ceiling: $(date -u +%FT%TZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "command: REPS=$REPS CONNS=\"$CONNS\" DURATION=$DURATION WARMUP=$WARMUP PREWARM=$PREWARM bench/gateway-vs-ceiling.sh" \
       "$([ -n "$DB_URL" ] && echo "--db <url>" || echo "(embedded H2)")$([ $VARIANTS = 0 ] && echo " --no-variants")"
  ratio_table "gateway / A+co (the HAPI ceiling)" gateway A+co "ratio"
  if [ $VARIANTS = 1 ]; then
    ratio_table "metering on / off (fhirgateway.metrics.enabled)" gateway gateway-metrics-off "on / off"
    ratio_table "token cache on / off (fhirgateway.auth.token-cache-size default / 0)" gateway gateway-token-cache-off "on / off"
  fi
  echo
  echo "## the launcher (target gateway)"
  echo "| first start, seeding an empty database | startup (JVM start to first 200 on metadata) | RSS after start | RSS after the run | peak RSS |"
  echo "|---|---|---|---|---|"
  echo "| $FIRST_START_MS ms | $START_MS ms | $RSS_IDLE MiB | $(status_mib "$PID_GW" VmRSS) MiB | $(status_mib "$PID_GW" VmHWM) MiB |"
  if [ $JETTY = 1 ]; then
    ratio_table "the WAR in Jetty with -Xmx256m / the launcher" gateway-jetty-256m gateway "jetty / launcher"
    echo
    echo "## the WAR in the Jetty distribution, -Xmx256m (target gateway-jetty-256m)"
    echo "| startup (JVM start to ready) | RSS after the run | peak RSS | non-2xx answers and socket errors |"
    echo "|---|---|---|---|"
    errors=$(awk -F'\t' 'NR==1{for(i=1;i<=NF;i++) h[$i]=i; next} $1=="gateway-jetty-256m"{n+=$h["non2xx"]+$h["sock_err"]} END{print n+0}' "$RES" 2>/dev/null || echo "?")
    echo "| $JETTY_START_MS ms | $(status_mib "$PID_JETTY" VmRSS) MiB | $(status_mib "$PID_JETTY" VmHWM) MiB | $errors (see summary.md) |"
  fi
} | tee "$OUT/report.md"
