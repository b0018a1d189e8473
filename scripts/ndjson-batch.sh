#!/usr/bin/env bash
# Streams an NDJSON log of LINES bounces (default 1,000,000, the rule cases' inputs over and over)
# through POST /v1/classify/batch with curl, and prints the time, the lines per second, the answer
# lines and error lines counted, and the service's peak resident memory (VmHWM) before and after.
# The service runs with a fixed heap (HEAP, default 256m): a body of any length must pass within it.
# Loopback only: PORT (default 18091).
set -euo pipefail
cd "$(dirname "$0")/.."
lines=${LINES:-1000000}
port=${PORT:-18091}
heap=${HEAP:-256m}

. scripts/lib/service.sh
java -cp "$cp" org.bounceclassifier.load.CaseMix ndjson "$work/log.ndjson" "$lines"
echo "input: $lines lines, $(du -h "$work/log.ndjson" | cut -f1)"

JAVA_OPTS="-Xms$heap -Xmx$heap" start_service --no-watch --no-rules-gate
echo "service peak RSS after start: $(peak_rss)"

start=$(date +%s.%N)
curl -sf -X POST "http://127.0.0.1:$port/v1/classify/batch?lang=en" -H 'Content-Type: application/x-ndjson' \
  --data-binary @"$work/log.ndjson" -o "$work/answers.ndjson"
end=$(date +%s.%N)

answers=$(wc -l < "$work/answers.ndjson")
errors=$(grep -c '^{"error"' "$work/answers.ndjson" || true)
awk -v s="$start" -v e="$end" -v n="$answers" 'BEGIN {printf "classified: %d lines in %.1f s = %.0f lines/s\n", n, e - s, n / (e - s)}'
echo "answer lines: $answers (input $lines), error lines: $errors"
echo "service peak RSS after the batch: $(peak_rss) (heap fixed at $heap)"
[ "$answers" -eq "$lines" ]
