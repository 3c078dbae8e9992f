#!/usr/bin/env bash
# The suite under load (issue 13): two CPU-bound loops run beside it, as on a
# busy 2-core CI machine, and the suite must pass RUNS times in a row (default 3)
# without retries. Stops at the first failing run. The loops are stopped by
# their process ids when the script ends, however it ends.
#
#   scripts/test-under-load.sh                 # npm test, 3 times
#   RUNS=1 scripts/test-under-load.sh npx vitest run --project e2e test/e2e/sync.spec.ts
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS="${RUNS:-3}"
if [ "$#" -gt 0 ]; then CMD=("$@"); else CMD=(npm test); fi

busy=()
stop_busy() {
  for pid in "${busy[@]}"; do kill "$pid" 2>/dev/null || true; done
}
trap stop_busy EXIT INT TERM

for _ in 1 2; do
  (while :; do :; done) &
  busy+=("$!")
done
echo "two busy loops running (pids ${busy[*]}); ${RUNS} run(s) of: ${CMD[*]}"

for run in $(seq 1 "$RUNS"); do
  started=$(date +%s)
  echo "=== run ${run}/${RUNS} ==="
  if ! "${CMD[@]}"; then
    echo "=== run ${run}/${RUNS} FAILED after $(($(date +%s) - started)) s ==="
    exit 1
  fi
  echo "=== run ${run}/${RUNS} passed in $(($(date +%s) - started)) s ==="
done
echo "all ${RUNS} runs passed under load"
