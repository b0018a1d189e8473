#!/usr/bin/env bash
# What an expert sees: the time from saving an edited rule file to the first answer that reflects
# it, through the file watcher and the full gate (every case and example), EDITS times (default
# 10), with the median. Each edit adds a new phrase to a rule of text/mailbox-full.drl in a
# throwaway copy of the rules; the script then asks /v1/classify about a text holding only that
# phrase until the answer turns from unknown to mailbox_full. Loopback only: PORT (default 18085).
set -euo pipefail
cd "$(dirname "$0")/.."
port=${PORT:-18085}
edits=${EDITS:-10}
. scripts/lib/service.sh
copy_rules
start_service --rules "$work/rules" --rules-tests "$work/rules-tests"

rule_file="$work/rules/text/mailbox-full.drl"
anchor='Phrase( text in ("over quota", '
grep -qF "$anchor" "$rule_file" || { echo "the anchor phrase is no longer in $rule_file"; exit 1; }
category_of() {
  curl -sf -X POST "http://127.0.0.1:$port/v1/classify" -H 'Content-Type: application/json' \
    -d "{\"diagnostic\": \"$1\"}" | jq -r .category
}

times=()
for i in $(seq 1 "$edits"); do
  probe="probe box $i overflowed"
  [ "$(category_of "$probe")" = unknown ] || { echo "'$probe' is already recognized"; exit 1; }
  start=$(date +%s%N)
  sed -i "s/Phrase( text in (\"over quota\", /&\"$probe\", /" "$rule_file"  # & is the anchor
  until [ "$(category_of "$probe")" = mailbox_full ]; do
    if [ $(( ($(date +%s%N) - start) / 1000000 )) -gt 30000 ]; then
      echo "edit $i: no answer change after 30 s"; service_errors; exit 1
    fi
    sleep 0.02
  done
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  echo "edit $i: answer changed after $ms ms"
  times+=("$ms")
  sleep 1
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "median of %d edits: %d ms (min %d, max %d)\n", NR, (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2), a[1], a[NR]}'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
