#!/usr/bin/env bash
# Run a command with a private, unlocked GNOME Keyring (Secret Service) on a
# private D-Bus session bus, so keychain code (libsecret, @napi-rs/keyring)
# can be tested headless without ever touching the user's real keyring.
#
#   bash test/support/with-keyring.sh CMD [ARGS...]
#
# Exits with CMD's exit status. Everything (keyring files, control sockets,
# daemon log) lives in a fresh /tmp/um-keyring-XXXXXX removed on exit.
#
# Isolation is done via XDG_DATA_HOME (gnome-keyring keeps keyrings in
# $XDG_DATA_HOME/keyrings) and XDG_RUNTIME_DIR (its control socket), not by
# replacing HOME: a fake HOME would also hide npm/npx caches and the like from
# CMD. Set UM_KEYRING_LOG=1 to print the daemon log on exit.
set -euo pipefail

if [[ $# -eq 0 ]]; then
  echo "usage: $0 CMD [ARGS...]" >&2
  exit 2
fi

if [[ -z "${UM_KEYRING_TMP:-}" ]]; then
  # --- outer half: private dirs, then re-exec ourselves inside a new session bus.
  for tool in dbus-run-session dbus-daemon gnome-keyring-daemon; do
    command -v "$tool" >/dev/null || { echo "$0: $tool not found (run scripts/install-test-deps.sh)" >&2; exit 127; }
  done
  tmp="$(mktemp -d /tmp/um-keyring-XXXXXX)"
  cleanup() {
    if [[ -n "${UM_KEYRING_LOG:-}" ]]; then
      echo "--- gnome-keyring-daemon / dbus-daemon logs ---" >&2
      cat "$tmp/daemon.log" "$tmp/dbus.log" >&2 2>/dev/null || true
    fi
    rm -rf "$tmp"
  }
  trap cleanup EXIT
  mkdir -p "$tmp/data" "$tmp/run"
  chmod 700 "$tmp" "$tmp/run"
  # The session dbus-daemon would otherwise write its warnings (e.g. "Failed
  # to set fd limit") to the caller's stderr.
  dbus_daemon="$(command -v dbus-daemon)"
  # The daemons keep the machine's real clock, like the mail servers and Chromium (see
  # test/support/real-clock-env.ts): under scripts/test-shifted.sh only the tests' clock moves.
  printf '#!/bin/sh\nexec env -u LD_PRELOAD %q "$@" 2>>%q\n' "$dbus_daemon" "$tmp/dbus.log" >"$tmp/dbus-daemon"
  chmod 700 "$tmp/dbus-daemon"
  rc=0
  UM_KEYRING_TMP="$tmp" XDG_DATA_HOME="$tmp/data" XDG_RUNTIME_DIR="$tmp/run" \
    dbus-run-session --dbus-daemon="$tmp/dbus-daemon" -- bash "${BASH_SOURCE[0]}" "$@" || rc=$?
  exit "$rc"
fi

# --- inner half: runs on the private session bus.
tmp="$UM_KEYRING_TMP"

# Kill only the daemon(s) we started: they inherited UM_KEYRING_TMP=$tmp.
stop_daemon() {
  local env_file pid
  for env_file in /proc/[0-9]*/environ; do
    pid="${env_file#/proc/}"
    pid="${pid%/environ}"
    [[ "$pid" == "$$" ]] && continue
    if [[ "$(readlink "/proc/$pid/exe" 2>/dev/null)" == */gnome-keyring-daemon ]] &&
      tr '\0' '\n' 2>/dev/null <"$env_file" | grep -qxF "UM_KEYRING_TMP=$tmp"; then
      kill "$pid" 2>/dev/null || true
    fi
  done
}
trap stop_daemon EXIT

# --unlock reads the password on stdin and unlocks the "login" keyring,
# creating it (and making it the default collection) when it does not exist,
# so no first-run "create default keyring" prompt is ever shown. The daemon
# forks into the background and prints its env (GNOME_KEYRING_CONTROL=...).
# Its stdio goes to files: a daemon holding the caller's stdout/stderr pipes
# would keep test runners from seeing EOF.
printf '%s' "um-test-keyring-password" |
  env -u LD_PRELOAD gnome-keyring-daemon --unlock --components=secrets >"$tmp/daemon.env" 2>>"$tmp/daemon.log"
while IFS= read -r line; do
  [[ "$line" =~ ^[A-Z_]+=.+ ]] && export "${line?}"
done <"$tmp/daemon.env"

rc=0
"$@" || rc=$?
exit "$rc"
