#!/usr/bin/env bash
# Raw bounce e-mails per second on one thread, this project against Debian's sisimai (Perl,
# apt-get install libsisimai-perl), on the same e-mails in the same run: every .eml under CORPUS
# (default ../shared/corpus/sisimai-dev, read from there, never copied) is loaded into memory by
# each side, then parsed and classified in turn. Java: JMH RawEmailBenchmark.parseAndClassifyOneThread
# (3 warm-up + 5 measured iterations of 2 s); Perl: scripts/lib/sisimai-rate.pl for SECONDS
# (default 10) after a warm-up pass. The ratio is the figure of issue #20 (target 5x).
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${CORPUS:-../shared/corpus/sisimai-dev}
seconds=${SECONDS_PERL:-10}

perl -MSisimai -e1 2>/dev/null || { echo "sisimai is not installed: apt-get install -y libsisimai-perl" >&2; exit 2; }
[ -d "$corpus" ] || { echo "no corpus at $corpus: set CORPUS=DIR (a folder of .eml files)" >&2; exit 2; }
[ -f target/benchmarks.jar ] || mvn -B -q -Pbench package -DskipTests
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

java_rate=$(java -jar target/benchmarks.jar 'RawEmailBenchmark.parseAndClassifyOneThread' -p fixtures="$corpus" \
    -f 1 -wi 3 -i 5 -rf csv -rff /tmp/vs-sisimai.$$.csv >/dev/null && tail -1 /tmp/vs-sisimai.$$.csv | cut -d, -f5)
rm -f /tmp/vs-sisimai.$$.csv
perl_line=$(perl scripts/lib/sisimai-rate.pl "$corpus" "$seconds")
perl_rate=$(echo "$perl_line" | awk '{print $(NF-1)}')
printf 'bounce-classifier %.0f e-mails/s (one thread)\n%s\nratio %.2f\n' "$java_rate" "$perl_line" \
    "$(awk -v j="$java_rate" -v p="$perl_rate" 'BEGIN{print j/p}')"
echo "machine after: load average $(cut -d' ' -f1-3 /proc/loadavg)"
