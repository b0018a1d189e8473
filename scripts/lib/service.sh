# Shared by the load scripts (source it after setting $port). It builds the jar and the load
# clients, then gives:
#   $work            a temporary directory, removed on exit with the service
#   $cp              the classpath of the load clients in src/test/java/.../load
#   start_service    starts `java $JAVA_OPTS -jar target/bounce-classifier.jar serve` on $port with
#                    its ledger in $work/data and its log in $work/service.log, plus the options
#                    given; sets $service (the pid) and returns once /health answers
#   copy_rules       copies rules/ and rules-tests/ to $work, for scripts that edit them
#   service_errors   prints the error lines of the service log
#   peak_rss         the service's peak resident memory so far (VmHWM), e.g. "272 MB"
# JAVA_OPTS defaults to -Xmx512m: a bounded heap, as in production. Without one the JVM may grow
# to a quarter of the machine's memory before it bothers to collect, and RSS says nothing about
# what the service needs.
mvn -B -q package -DskipTests
mvn -B -q test-compile
cp="target/test-classes:target/classes:$(mvn -B -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
work=$(mktemp -d)
service=""
trap 'if [ -n "$service" ]; then kill $service 2>/dev/null || true; wait $service 2>/dev/null || true; fi; rm -rf "$work"' EXIT

start_service() {
  # shellcheck disable=SC2086
  java ${JAVA_OPTS:--Xmx512m} -jar target/bounce-classifier.jar serve --port "$port" --data-dir "$work/data" "$@" \
    > "$work/service.log" 2>&1 &
  service=$!
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$port/health" >/dev/null && return 0
    kill -0 "$service" 2>/dev/null || break
    sleep 0.5
  done
  echo "the service did not start; its log:" >&2
  tail -20 "$work/service.log" >&2
  exit 1
}

copy_rules() {
  cp -r rules rules-tests "$work"/
}

service_errors() {
  echo "errors in the service log:"
  grep -A5 -E 'ERROR|Exception' "$work/service.log" | head -40 || true
}

peak_rss() {
  awk '/VmHWM/ {printf "%d MB", $2 / 1024}' "/proc/$service/status"
}
