#!/usr/bin/env bash
# Latency of the five workloads of ../shared/perf/run.sh at several practice sizes, one run, interleaved.
#
#   bench/scale.sh LABEL=JDBC_URL [LABEL=JDBC_URL ...]
#   e.g. bench/scale.sh 1k=jdbc:postgresql://127.0.0.1:5432/scale_1k 10k=jdbc:postgresql://127.0.0.1:5432/scale_10k
#
# Each database holds a practice filled by `sample-ehr.jar generate --practice $PRACTICE --patients N` (see the
# README). One sample EHR per database is started (ports from $PORT, loopback), all at once, and wrk drives the
# same workloads against each, interleaved rep > workload > database, so load from elsewhere on the machine hits
# all sizes alike. Workloads (the generated patients 0 and 1 copy Inferno's 85 and 355 whole, so they are the
# same at every size): Patient/gen-P-0, Patient?identifier=<its MRN>, and for gen-P-1
# Observation?category=laboratory, ?category=vital-signs&_count=10, ?code=8302-2.
# Prints p50 (and req/s) per workload and size, and the p50 ratio of every size to the first.
# env: PRACTICE=5000 DB_USER=postgres REPS=3 CONNS=8 THREADS=2 DURATION=10s WARMUP=3s PORT=18301
#      JAR=sample-ehr/target/sample-ehr.jar JAVA_OPTS=-Xmx1g OUT=/tmp/scale-bench/run-<time>
# needs: a built sample-ehr (mvn -B -q -DskipTests package), java 17, wrk, jq, curl
set -euo pipefail

cd "$(dirname "$0")/.."
PRACTICE=${PRACTICE:-5000}
DB_USER=${DB_USER:-postgres}
REPS=${REPS:-3}
CONNS=${CONNS:-8}
THREADS=${THREADS:-2}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-3s}
PORT=${PORT:-18301}
JAR=${JAR:-sample-ehr/target/sample-ehr.jar}
JAVA_OPTS=${JAVA_OPTS:--Xmx1g}
OUT=${OUT:-/tmp/scale-bench/run-$(date +%Y%m%d-%H%M%S)}
ACCEPT='Accept: application/fhir+json'

[ $# -ge 1 ] || { sed -n '2,18p' "$0"; exit 2; }
for tool in java wrk jq curl; do command -v $tool >/dev/null || { echo "missing $tool" >&2; exit 2; }; done
[ -f "$JAR" ] || { echo "no $JAR: mvn -B -q -DskipTests package first" >&2; exit 2; }
mkdir -p "$OUT/raw"
echo "results in $OUT"

WL_NAMES=(read mrn lab vitals-p1 code)
WL_PATHS=(
  "Patient/gen-$PRACTICE-0"
  "Patient?identifier=70000000"
  "Observation?patient=gen-$PRACTICE-1&category=laboratory"
  "Observation?patient=gen-$PRACTICE-1&category=vital-signs&_count=10"
  "Observation?patient=gen-$PRACTICE-1&code=8302-2"
)

LABELS=(); URLS=(); PIDS=(); DBS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

port=$PORT
for spec in "$@"; do
  label=${spec%%=*}; db=${spec#*=}
  # shellcheck disable=SC2086
  setsid java $JAVA_OPTS -jar "$JAR" --host 127.0.0.1 --port $port --db "$db" --db-user "$DB_USER" \
    >"$OUT/$label.log" 2>&1 </dev/null &
  PIDS+=($!); LABELS+=("$label"); DBS+=("$db"); URLS+=("http://127.0.0.1:$port"); port=$((port + 1))
done
for i in "${!LABELS[@]}"; do
  deadline=$(( $(date +%s) + 300 ))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "${URLS[$i]}/fhir-gateway/fhir/metadata")" = 200 ]; do
    kill -0 "${PIDS[$i]}" 2>/dev/null || { echo "${LABELS[$i]} exited, see $OUT/${LABELS[$i]}.log" >&2; exit 1; }
    [ "$(date +%s)" -gt $deadline ] && { echo "${LABELS[$i]} did not start, see $OUT/${LABELS[$i]}.log" >&2; exit 1; }
    sleep 1
  done
done

token() { # base url -> a fresh bearer header for the practice's demo client
  curl -s -u "demo-$PRACTICE:demo-$PRACTICE-secret" -d grant_type=client_credentials -d 'scope=system/*.rs' \
    "$1/oauth/token" | jq -r '"Authorization: Bearer " + .access_token'
}

{
  echo "date: $(date -u +%FT%TZ)  host: $(nproc) cores  load: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "wrk -t$THREADS -c$CONNS -d$DURATION --latency (after -d$WARMUP warm-up), reps=$REPS, practice $PRACTICE"
  for i in "${!LABELS[@]}"; do echo "${LABELS[$i]}: ${URLS[$i]} on ${DBS[$i]}"; done
} | tee "$OUT/setup.txt"

# correctness: every size answers each workload with the same entries (the patients are the same)
printf 'db\tworkload\thttp\tentries\n' > "$OUT/correctness.tsv"
for w in "${!WL_NAMES[@]}"; do
  for i in "${!LABELS[@]}"; do
    body=$(curl -s -H "$ACCEPT" -H "$(token "${URLS[$i]}")" -w '\n%{http_code}' "${URLS[$i]}/fhir-gateway/fhir/${WL_PATHS[$w]}")
    code=${body##*$'\n'}; json=${body%$'\n'*}
    entries=$(jq -r 'if .resourceType=="Bundle" then (.entry|length) else .resourceType end' <<<"$json")
    printf '%s\t%s\t%s\t%s\n' "${LABELS[$i]}" "${WL_NAMES[$w]}" "$code" "$entries" >> "$OUT/correctness.tsv"
  done
done

to_ms() { awk -v v="$1" 'BEGIN{ if (v ~ /us$/) printf "%.3f", v/1000; else if (v ~ /ms$/) printf "%.3f", v+0; else if (v ~ /s$/) printf "%.3f", v*1000; else print "?" }'; }
printf 'db\tworkload\trep\trps\tp50_ms\tp99_ms\tnon2xx\n' > "$OUT/results.tsv"
for rep in $(seq 1 "$REPS"); do
  for w in "${!WL_NAMES[@]}"; do
    for i in "${!LABELS[@]}"; do
      u="${URLS[$i]}/fhir-gateway/fhir/${WL_PATHS[$w]}"
      h=$(token "${URLS[$i]}")
      wrk -t"$THREADS" -c"$CONNS" -d"$WARMUP" --timeout 10s -H "$ACCEPT" -H "$h" "$u" >/dev/null
      f="$OUT/raw/${LABELS[$i]}.${WL_NAMES[$w]}.r$rep.txt"
      wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --timeout 10s --latency -H "$ACCEPT" -H "$h" "$u" >"$f"
      rps=$(awk '/^Requests\/sec:/{print $2}' "$f")
      p50=$(to_ms "$(awk '$1=="50%"{print $2}' "$f")")
      p99=$(to_ms "$(awk '$1=="99%"{print $2}' "$f")")
      bad=$(awk '/Non-2xx/{print $NF}' "$f"); bad=${bad:-0}
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "${LABELS[$i]}" "${WL_NAMES[$w]}" "$rep" "$rps" "$p50" "$p99" "$bad" \
        | tee -a "$OUT/results.tsv"
    done
  done
done

{
  echo
  echo "## correctness (entries on the first page, per size)"
  column -t -s $'\t' "$OUT/correctness.tsv" | sed 's/^/    /'
  awk -F'\t' 'NR>1{k=$2; if (!(k in e)) e[k]=$4; else if (e[k]!=$4) print "    MISMATCH: " $1 " " $2 " " $4 " vs " e[k]} NR>1 && $3!=200 {print "    HTTP " $3 ": " $1 " " $2}' "$OUT/correctness.tsv"
  echo
  echo "## p50 latency, medians over $REPS reps (req/s in brackets), and p50 ratio to ${LABELS[0]}"
  awk -F'\t' -v order="${LABELS[*]}" '
    function med(s,   n, v, i, j, t) { n = split(s, v, " ")
      for (i = 2; i <= n; i++) { t = v[i]; for (j = i - 1; j >= 1 && v[j] + 0 > t + 0; j--) v[j + 1] = v[j]; v[j + 1] = t }
      return (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2 }
    NR == 1 { next }
    { k = $2 SUBSEP $1; p50[k] = p50[k] " " $5; rps[k] = rps[k] " " $4; bad[k] += $7
      if (!($2 in seen)) { seen[$2] = 1; W[++nw] = $2 } }
    END {
      nd = split(order, D, " ")
      hdr = "| workload"; sep = "|---"
      for (d = 1; d <= nd; d++) { hdr = hdr " | " D[d] " p50 ms (req/s)"; sep = sep "|---" }
      for (d = 2; d <= nd; d++) { hdr = hdr " | " D[d] "/" D[1]; sep = sep "|---" }
      print hdr " |"; print sep "|"
      for (w = 1; w <= nw; w++) {
        line = "| " W[w]
        for (d = 1; d <= nd; d++) { k = W[w] SUBSEP D[d]
          line = line sprintf(" | %.2f (%.0f)%s", med(p50[k]), med(rps[k]), bad[k] ? " !" bad[k] " non-2xx" : "") }
        base = med(p50[W[w] SUBSEP D[1]])
        for (d = 2; d <= nd; d++) line = line sprintf(" | %.2f", med(p50[W[w] SUBSEP D[d]]) / base)
        print line " |"
      }
    }' "$OUT/results.tsv"
} | tee "$OUT/summary.md"
