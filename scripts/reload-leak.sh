#!/usr/bin/env bash
# 500 full reloads (compile + gate) in one process; prints heap after GC and metaspace after the
# first 10 and after all of them, and fails if either grew by more than 10 %.
# RELOADS sets the count (default 500). Takes about a second per reload.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test -Dtest=RepeatedReloadMemoryTest -Dreload.memory.count="${RELOADS:-500}" \
  -Dsurefire.failIfNoSpecifiedTests=false
