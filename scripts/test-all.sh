#!/usr/bin/env bash
# `npm test`: every stage runs even when an earlier one failed, so one red suite never hides
# another; the exit status is non-zero when any stage failed, and the stages are listed at the end.
#   lint · typecheck · unit · integration · ui (real Dovecot, Postfix, gnome-keyring, Chromium)
#   dates: unit + integration again with the wall clock 400 days ahead (scripts/test-shifted.sh)
#   bench-smoke: every benchmark started once on a tiny size (figures printed, never checked)
set -uo pipefail
cd "$(dirname "$0")/.."

stages=(lint typecheck test:unit test:integration test:ui test:dates bench:smoke)
declare -A result=()
failed=0
for stage in "${stages[@]}"; do
  echo "::: npm run $stage"
  start=$SECONDS
  if npm run --silent "$stage"; then
    result[$stage]="ok   $((SECONDS - start)) s"
  else
    result[$stage]="FAIL $((SECONDS - start)) s"
    failed=1
  fi
done
echo "::: stages"
for stage in "${stages[@]}"; do echo "  ${result[$stage]}  $stage"; done
exit "$failed"
