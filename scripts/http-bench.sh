#!/usr/bin/env bash
# HTTP throughput and latency of POST /v1/classify against GET /health of the same server (the
# ceiling: what the HTTP stack does with no classification), with wrk from Debian (apt-get install
# wrk), after a warm-up: the most requests per second of each with CONNECTIONS connections; then
# classify at about half of its maximum rate, for p50 and p99 latency at that rate. Plain wrk has
# no rate option (wrk2 is not in Debian), so half the rate is approached the closed-loop way: the
# fewest connections (1, 2, 4, 8, ...) whose throughput reaches half the maximum; each connection
# sends its next request when the answer to the last one arrives.
# Loopback only, bounded: DURATION seconds per run (default 20), PORT (default 18092).
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${DURATION:-20}
port=${PORT:-18092}
connections=${CONNECTIONS:-32}

command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 2; }
. scripts/lib/service.sh
java -cp "$cp" org.bounceclassifier.load.CaseMix lua "$work/bodies.lua"
export BODIES_LUA="$work/bodies.lua"
start_service --no-watch
base="http://127.0.0.1:$port"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "service peak RSS after start: $(peak_rss) (${JAVA_OPTS:--Xmx512m})"

# wrk summary -> "RPS p50 p99 non2xx"
run() {
  wrk --latency "$@" | awk '
    /Requests\/sec/ {rps = $2}
    /^ +50%/ {p50 = $2} /^ +99%/ {p99 = $2}
    /Non-2xx/ {bad = $NF}
    END {printf "%.0f %s %s %d\n", rps, p50, p99, bad}'
}

echo "warm-up: 20 s of classify"
wrk -t1 -c"$connections" -d20s -s scripts/wrk/classify.lua "$base/v1/classify" >/dev/null
wrk -t1 -c"$connections" -d5s "$base/health" >/dev/null

read -r health_rps health_p50 health_p99 health_bad < <(run -t1 -c"$connections" -d"${duration}s" "$base/health")
read -r classify_rps classify_p50 classify_p99 classify_bad < <(run -t1 -c"$connections" -d"${duration}s" -s scripts/wrk/classify.lua "$base/v1/classify")
half=$((classify_rps / 2))
for c in 1 2 4 8 16; do
  read -r paced_rps paced_p50 paced_p99 paced_bad < <(run -t1 -c"$c" -d"${duration}s" -s scripts/wrk/classify.lua "$base/v1/classify")
  paced=$c
  [ "$paced_rps" -ge "$half" ] && break
done

printf '%-40s %10s %10s %10s %8s\n' "run ($connections connections unless said)" "req/s" "p50" "p99" "non-2xx"
printf '%-40s %10s %10s %10s %8s\n' "GET /health (ceiling)" "$health_rps" "$health_p50" "$health_p99" "$health_bad"
printf '%-40s %10s %10s %10s %8s\n' "POST /v1/classify, as fast as it goes" "$classify_rps" "$classify_p50" "$classify_p99" "$classify_bad"
printf '%-40s %10s %10s %10s %8s\n' "POST /v1/classify, $paced connections" "$paced_rps" "$paced_p50" "$paced_p99" "$paced_bad"
awk -v c="$classify_rps" -v h="$health_rps" 'BEGIN {printf "classify / ceiling: %.2f\n", c / h}'
echo "service peak RSS after the runs: $(peak_rss)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
[ "$health_bad" -eq 0 ] && [ "$classify_bad" -eq 0 ] && [ "$paced_bad" -eq 0 ]
