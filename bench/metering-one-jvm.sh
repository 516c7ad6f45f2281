#!/usr/bin/env bash
# What per-practice metering costs, in one JVM: the gateway WAR deployed twice beside the sample EHR, one twin
# metered and one not, driven at the same time; CPU per request on the threads that ran each twin's requests.
#
# usage: bench/metering-one-jvm.sh [--no-build]
# env: RUNS=4 (JVMs, one after another; odd runs meter twin a, even runs twin b, so deployment order and which
#      copy of the classes compiled better fall on both sides)  CONTROL=0 (1: the A/A control, no twin metered)
#      ROUNDS=8 SECONDS_PER_ROUND=10 WARMUP=120 (at least; then windows of SECONDS_PER_ROUND until CPU per request
#      changes by under 5% from one to the next: three copies of the gateway's classes compile in one JVM, and
#      one run was still warming after 150 s)  THREADS=4 (client threads per twin)  JAVA_OPTS=
#      OUT=/tmp/gateway-bench/metering-one-jvm-<time>
#
# Each run is one JVM (dev.fhirgateway.sample.bench.MeteringBenchmark, see its Javadoc): the sample EHR on its
# embedded H2 database, two more deployments of the WAR reading it in process and trusting the EHR's tokens, and
# client threads driving both with the same mix (Patient read, MRN search, laboratory search). Per round it prints
# each twin's CPU µs per request and the ratio metered/unmetered; this script prints every run's median, each
# role's median (metered twin a, metered twin b) and their mean, and the median of all rounds. Metering's cost is
# that ratio minus one. Run it with CONTROL=1 too: what the A/A control reads is the method's own error.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
RUNS=${RUNS:-4} CONTROL=${CONTROL:-0} ROUNDS=${ROUNDS:-8} SECONDS_PER_ROUND=${SECONDS_PER_ROUND:-10}
WARMUP=${WARMUP:-120} THREADS=${THREADS:-4} JAVA_OPTS=${JAVA_OPTS:-}
OUT=${OUT:-/tmp/gateway-bench/metering-one-jvm-$(date +%Y%m%d-%H%M%S)}
for tool in java mvn awk; do
  command -v $tool >/dev/null || { echo "missing $tool" >&2; exit 2; }
done
cd "$ROOT/sample-ehr"
if [ "${1:-}" != --no-build ]; then
  echo "building (mvn install -pl sample-ehr -am, tests skipped) ..."
  (cd "$ROOT" && mvn -B -q -DskipTests install -pl sample-ehr -am) || { echo "build failed" >&2; exit 1; }
fi
[ -f target/fhir-gateway.war ] && [ -d target/test-classes ] || { echo "not built: run without --no-build" >&2; exit 1; }
mkdir -p "$OUT"; echo "results in $OUT"
mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/classpath.txt" >/dev/null \
  || mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/classpath.txt" >/dev/null
CP="target/test-classes:target/classes:$(cat "$OUT/classpath.txt")"

for run in $(seq 1 "$RUNS"); do
  if [ "$CONTROL" = 1 ]; then metered=none; elif [ $((run % 2)) = 1 ]; then metered=a; else metered=b; fi
  echo "run $run of $RUNS (metered: $metered) ..."
  # shellcheck disable=SC2086  # JAVA_OPTS is a list of options
  java $JAVA_OPTS -Dh2.bindAddress=127.0.0.1 -cp "$CP" dev.fhirgateway.sample.bench.MeteringBenchmark \
      --metered "$metered" --rounds "$ROUNDS" --seconds "$SECONDS_PER_ROUND" --warmup "$WARMUP" --threads "$THREADS" \
      >"$OUT/run-$run.log" 2>"$OUT/run-$run-server.log" \
    || { echo "run $run failed, see $OUT/run-$run.log and -server.log" >&2; tail -5 "$OUT/run-$run.log" "$OUT/run-$run-server.log" >&2; exit 1; }
  grep -E '^(warm|round|median)' "$OUT/run-$run.log" | sed "s/^/  /"
  grep '^round' "$OUT/run-$run.log" | awk -v run="$run" -v role="$metered" '{print run, role, $NF}' >>"$OUT/ratios.txt"
done

# Medians: of each run, of each role, of all rounds.
median() { sort -g | awk '{v[NR]=$1} END {if (NR==0) {print "nan"; exit} m=(NR%2)?v[(NR+1)/2]:(v[NR/2]+v[NR/2+1])/2; printf "%.4f\n", m}'; }
echo
echo "== metering in one JVM: ratio of CPU per request, $([ "$CONTROL" = 1 ] && echo 'twin a / twin b, both unmetered (A/A control)' || echo 'metered / unmetered') =="
for run in $(seq 1 "$RUNS"); do
  printf 'run %s (metered: %s): median %s\n' "$run" "$(awk -v r="$run" '$1==r {print $2; exit}' "$OUT/ratios.txt")" \
    "$(awk -v r="$run" '$1==r {print $3}' "$OUT/ratios.txt" | median)"
done
if [ "$CONTROL" != 1 ]; then
  a=$(awk '$2=="a" {print $3}' "$OUT/ratios.txt" | median); b=$(awk '$2=="b" {print $3}' "$OUT/ratios.txt" | median)
  echo "twin a metered: median $a; twin b metered: median $b; mean of the two $(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.4f", (a+b)/2}')"
fi
echo "all $(wc -l <"$OUT/ratios.txt") rounds: median $(awk '{print $3}' "$OUT/ratios.txt" | median)"
