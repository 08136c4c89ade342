#!/usr/bin/env bash
# Runs CI (`bash .ci/run`) on a fresh clone of this repository's HEAD while stress-ng keeps
# every CPU busy beside it, and reports how long it took: the tests must not depend on the
# machine's speed, and CI must stay inside its 90-minute limit on a loaded machine.
#
#   bash scripts/ci-under-load.sh [WORKERS]     (default: one CPU hog per core)
#
# The clone and its logs stay in the printed folder; exit status is CI's.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
workers="${1:-$(nproc)}"
command -v stress-ng >/dev/null || { echo "ci-under-load: stress-ng not found (scripts/install-test-deps.sh)" >&2; exit 127; }

work="$(mktemp -d /tmp/um-ci-load-XXXXXX)"
git clone --quiet "$repo" "$work/main"
# .ci/run expects the team's kit beside the clone, as CI lays it.
[[ -d "$repo/../shared" ]] && ln -s "$(cd "$repo/../shared" && pwd)" "$work/shared"

stress-ng --cpu "$workers" --cpu-method matrixprod --timeout 5400s --quiet &
hog=$!
trap 'kill "$hog" 2>/dev/null || true; wait "$hog" 2>/dev/null || true' EXIT

start=$SECONDS
set +e
(cd "$work/main" && CI=true bash .ci/run) >"$work/ci.log" 2>&1
status=$?
set -e
elapsed=$((SECONDS - start))
tail -n 12 "$work/ci.log"
echo "ci-under-load: .ci/run exited $status after ${elapsed} s with ${workers} stress-ng CPU workers beside it (log: $work/ci.log)"
exit "$status"
