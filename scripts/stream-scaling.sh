#!/usr/bin/env bash
# Scaling of the Kafka stream on this machine: one KRaft broker and one PostgreSQL (both started
# here, on loopback, from Maven Central's Kafka artifacts and Debian's PostgreSQL), then 1, 2 and 3
# `stream` instances in one consumer group; prints events per second and end-to-end lag per round
# as a Markdown table (StreamScaling.java says how each figure is taken).
#
# usage: [RATE=N] scripts/stream-scaling.sh [events per round, default 20000] [instances..., default 1 2 3]
#   RATE: produce N events per second instead of all at once (the lag of a stream that keeps up)
#   Builds the jar and the test classes first. Takes a few minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q package -DskipTests
mvn -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
exec java -Xmx512m -Drate="${RATE:-0}" -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  org.bounceclassifier.stream.StreamScaling "$@"
