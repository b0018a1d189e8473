#!/usr/bin/env bash
# Builds target/bounce-classifier.jsa, a class-data sharing archive (the JDK's AppCDS) of the
# classes a start loads: it starts `serve` on the bundled rules, classifies a JSON bounce, an NDJSON
# batch and a raw e-mail, stops the service, and the JVM archives the classes it loaded at exit.
# Rebuild it after every `mvn package` (the JVM ignores, with a warning, an archive that does not
# match the jar). Use it with
#   java -XX:SharedArchiveFile=target/bounce-classifier.jsa -jar target/bounce-classifier.jar serve
# It also writes target/classify.jsa, the classes of a one-shot `classify --server` (a client of a
# running service), for answers in under a second:
#   java -XX:SharedArchiveFile=target/classify.jsa -XX:TieredStopAtLevel=1 \
#     -jar target/bounce-classifier.jar classify --server http://127.0.0.1:8080 '{"smtpCode": 550}' 
# Loopback only: PORT (default 18094).
set -euo pipefail
cd "$(dirname "$0")/.."
port=${PORT:-18094}
[ -f target/bounce-classifier.jar ] || mvn -B -q package -DskipTests
rm -f target/bounce-classifier.jsa
java -XX:ArchiveClassesAtExit=target/bounce-classifier.jsa -jar target/bounce-classifier.jar serve --port "$port" --data-dir target/cds-archive-data \
  --no-watch > target/cds-archive.log 2>&1 &
service=$!
base="http://127.0.0.1:$port"
until curl -sf -o /dev/null "$base/health"; do
  kill -0 $service 2>/dev/null || { cat target/cds-archive.log; exit 1; }
  sleep 0.2
done
curl -sf -o /dev/null -X POST "$base/v1/classify" -H 'Content-Type: application/json' -d '{"smtpCode": 550}'
printf '{"smtpCode": 550}\n{"smtpCode": 452}\n' | curl -sf -o /dev/null -X POST "$base/v1/classify/batch" \
  -H 'Content-Type: application/x-ndjson' --data-binary @-
curl -sf -o /dev/null -X POST "$base/v1/classify" -H 'Content-Type: message/rfc822' \
  --data-binary @src/test/resources/bounces/postfix/dsn-two-recipients.eml
rm -f target/classify.jsa
java -XX:ArchiveClassesAtExit=target/classify.jsa -jar target/bounce-classifier.jar classify --server "$base" \
  '{"diagnostic": "550 5.1.1 User unknown"}' > /dev/null
kill $service
wait $service || true
echo "wrote target/classify.jsa ($(du -h target/classify.jsa | cut -f1))"
echo "wrote target/bounce-classifier.jsa ($(du -h target/bounce-classifier.jsa | cut -f1))"
