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

mvn -B -q package -DskipTests
mvn -B -q test-compile
work=$(mktemp -d)
cp -r rules rules-tests "$work"/
java -jar target/bounce-classifier.jar serve --port "$port" --rules "$work/rules" --rules-tests "$work/rules-tests" \
  > "$work/service.log" 2>&1 &
service=$!
trap 'kill $service 2>/dev/null || true; wait $service 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/health" >/dev/null && break
  sleep 0.5
done

cp=$(mvn -B -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout)
status=0
java -cp "target/test-classes:target/classes:$cp" org.bounceclassifier.load.Soak \
  "http://127.0.0.1:$port" "$work/rules" "$seconds" "$threads" "$edit_every" "$service" || status=$?
echo "reloads: $(grep -c 'loaded (watch)' "$work/service.log") accepted, $(grep -c 'rejected (watch)' "$work/service.log") rejected"
if [ $status -ne 0 ]; then
  echo "errors in the service log:"
  grep -A5 -E 'ERROR|Exception' "$work/service.log" | head -40 || true
fi
exit $status
