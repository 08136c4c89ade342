#!/usr/bin/env bash
# Runs the date-sensitive suites again with the wall clock of the whole process tree moved
# ahead (libfaketime, Debian's `faketime`): the unit, integration and UI projects, whose services,
# certificates, grants, signatures and fixtures all meet "now". A test that hard-codes today's
# date, or fixture mail that only falls inside a window until some day, fails here long before
# the calendar catches up with it. The mail servers keep the real clock (test/stack/mail-stack.ts);
# Chromium too, with Playwright's clock set to the shifted now (test/ui/browser.ts). The XSS corpus
# is left out: it has no date in it, and it counts every script a sandboxed mail frame refuses,
# which includes the clock script Playwright injects into each frame.
#
#   bash scripts/test-shifted.sh            (400 days ahead)
#   UM_SHIFT_DAYS=-30 bash scripts/test-shifted.sh
#
# The app and the renderer must be built (`npm run build`, `vite build --config renderer/vite.config.ts`).
set -euo pipefail
cd "$(dirname "$0")/.."

days="${UM_SHIFT_DAYS:-400}"
[[ "$days" =~ ^-?[0-9]+$ ]] || { echo "test-shifted: UM_SHIFT_DAYS must be a whole number of days" >&2; exit 2; }
command -v faketime >/dev/null || {
  echo "test-shifted: faketime not found (run scripts/install-test-deps.sh)" >&2
  exit 127
}
[[ "$days" == -* ]] || days="+$days"

# Only the wall clock moves: timers, timeouts and durations keep the real monotonic clock.
export FAKETIME_DONT_FAKE_MONOTONIC=1
shifted="$(faketime -f "${days}d" date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "test-shifted: wall clock ${days} days ahead: ${shifted}"
# Proof the shift reaches the Node processes vitest starts, not only the shell.
node_year="$(faketime -f "${days}d" node -e 'process.stdout.write(String(new Date().getUTCFullYear()))')"
[[ "$node_year" == "${shifted:0:4}" ]] || {
  echo "test-shifted: Node sees the year $node_year, expected ${shifted:0:4}: faketime does not reach Node here" >&2
  exit 1
}
# One project after the other, as `npm test` runs them (the UI project wants the machine to itself).
status=0
for project in unit integration ui; do
  extra=()
  [[ "$project" == ui ]] && extra=(--exclude 'test/ui/xss-corpus.test.ts')
  echo "test-shifted: vitest --project $project, ${days} days ahead"
  faketime -f "${days}d" bash test/support/with-keyring.sh npx vitest run --project "$project" "${extra[@]}" "$@" || status=1
done
exit "$status"
