# Shared by the load scripts: build, then start the service on a throwaway copy of the rules.
# After sourcing: $work (temporary directory with rules/, rules-tests/, service.log), $service
# (its pid), $cp (the test classpath for the load clients). Everything is removed on exit.
# Needs $port.
mvn -B -q package -DskipTests
mvn -B -q test-compile
work=$(mktemp -d)
cp -r rules rules-tests "$work"/
# a bounded heap, as in production: without one the JVM may grow to a quarter of the machine's
# memory before it bothers to collect, and RSS says nothing about what the service needs
java ${JAVA_OPTS:--Xmx512m} -jar target/bounce-classifier.jar serve --port "$port" --rules "$work/rules" --rules-tests "$work/rules-tests" \
  > "$work/service.log" 2>&1 &
service=$!
trap 'kill $service 2>/dev/null || true; wait $service 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/health" >/dev/null && break
  sleep 0.5
done
cp="target/test-classes:target/classes:$(mvn -B -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"

# Prints the service log's error lines when the script is about to fail.
service_errors() {
  echo "errors in the service log:"
  grep -A5 -E 'ERROR|Exception' "$work/service.log" | head -40 || true
}
