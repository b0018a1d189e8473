#!/usr/bin/env bash
# Soak: steady load on the service for SOAK_SECONDS (default 600) with a rule reload every
# EDIT_EVERY seconds (default 10, good and bad edits alternating) and bad requests mixed in.
# Prints the counts that must be zero, and heap and RSS per minute. Loopback only, bounded.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${SOAK_SECONDS:-600}
threads=${THREADS:-4}
edit_every=${EDIT_EVERY:-10}
port=${PORT:-18081}

. scripts/lib/service.sh
copy_rules
start_service --rules "$work/rules" --rules-tests "$work/rules-tests"

status=0
java -cp "$cp" org.bounceclassifier.load.Soak \
  "http://127.0.0.1:$port" "$work/rules" "$seconds" "$threads" "$edit_every" "$service" || status=$?
echo "reloads: $(grep -c 'loaded (watch)' "$work/service.log") accepted, $(grep -c 'rejected (watch)' "$work/service.log") rejected"
if [ $status -ne 0 ]; then
  service_errors
fi
exit $status
