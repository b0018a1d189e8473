#!/usr/bin/env bash
# Reload time of the full bundled rule set: compile plus the gate (every case and example), as
# POST /v1/rules/reload does it. Prints each of RELOADS (default 10) and the median. Loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${PORT:-18083}
reloads=${RELOADS:-10}
export BOUNCE_ADMIN_TOKEN=reload-time-script
. scripts/lib/service.sh
copy_rules
start_service --rules "$work/rules" --rules-tests "$work/rules-tests"

times=()
for i in $(seq 1 "$reloads"); do
  ms=$(curl -sf -X POST "http://127.0.0.1:$port/v1/rules/reload" -H "Authorization: Bearer $BOUNCE_ADMIN_TOKEN" \
    | jq -r 'if .lastAttempt.status == "ok" then .lastAttempt.durationMillis else error("reload failed") end')
  echo "reload $i: $ms ms"
  times+=("$ms")
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "median of %d reloads: %d ms (min %d, max %d)\n", NR, (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2), a[1], a[NR]}'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
