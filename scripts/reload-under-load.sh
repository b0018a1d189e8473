#!/usr/bin/env bash
# Classify under load while the rules change every second for a minute, good and bad edits
# alternating; print the counts that must be zero and how long each reload took.
# Loopback only, bounded: SECONDS_OF_LOAD (default 60), THREADS (default 4), PORT (default 18080).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${SECONDS_OF_LOAD:-60}
threads=${THREADS:-4}
port=${PORT:-18080}

. scripts/lib/service.sh
copy_rules
start_service --rules "$work/rules" --rules-tests "$work/rules-tests"

status=0
java -cp "$cp" org.bounceclassifier.load.ReloadUnderLoad \
  "http://127.0.0.1:$port" "$work/rules" "$seconds" "$threads" || status=$?

echo "reloads (from the service log):"
grep -c 'loaded (watch)' "$work/service.log" | sed 's/^/  accepted: /'
grep -c 'rejected (watch)' "$work/service.log" | sed 's/^/  rejected: /'
grep -o 'loaded (watch) in [0-9]* ms' "$work/service.log" | awk '{print $4}' | sort -n \
  | awk '{a[NR]=$1} END {if (NR) printf "  accepted reload time: median %d ms, min %d ms, max %d ms\n", a[int((NR+1)/2)], a[1], a[NR]}'
if [ $status -ne 0 ]; then
  service_errors
fi
exit $status
