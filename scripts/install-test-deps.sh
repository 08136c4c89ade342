#!/usr/bin/env bash
# Installs the system packages the integration/UI tests need on a fresh
# Debian/Ubuntu machine. Idempotent: when everything is already installed it
# does not touch apt at all.
#
#   sudo bash scripts/install-test-deps.sh      (or as root without sudo)
#
# The tests start their own private dovecot/postfix instances
# (test/stack/mail-stack.ts); the system services are never needed, so this
# script makes sure installing the packages does not start them.
set -euo pipefail

PACKAGES=(
  dovecot-imapd   # IMAP + IMAPS (pulls dovecot-core: doveadm, ACL plugins)
  dovecot-lmtpd   # LMTP delivery from postfix
  postfix         # submission + inbound SMTP
  openssl         # per-run CA / server certificates
  gnome-keyring   # Secret Service for keychain tests
  libsecret-tools # secret-tool, to inspect the keyring from shell
  dbus            # dbus-run-session / dbus-daemon for a private session bus
  chromium        # UI tests (playwright-core drives the system chromium;
                  # on Ubuntu this package is a snap shim that needs snapd)
  fonts-dejavu-core
  ca-certificates
  procps          # ps/pgrep for diagnostics
  iproute2        # ss, to inspect listening ports
  poppler-utils   # pdftotext: the handover record's text is checked in tests
  isync           # mbsync: the baseline of the handover export benchmark
  vmtouch         # the benchmark drops earlier runs' files from the page cache
  tar             # the handover .tar is read back with GNU tar in tests
  coreutils       # sha256sum -c, the stock check of a handover bag
  faketime        # CI runs the date-sensitive suites again a year ahead (libfaketime)
  stress-ng       # the loaded-machine check of .ci/run (scripts/ci-under-load.sh)
  slapd           # the province's electronic directory (danh bạ điện tử) over LDAP, in tests
  ldap-utils      # ldapadd/ldapsearch, to seed and inspect the test directory
  attr            # setfattr/getfattr: saved attachments get the user.xdg.origin.url mark on Linux
)

if [[ $EUID -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "run as root or install sudo" >&2; exit 1; }
  exec sudo -- bash "$0" "$@"
fi

# PID from a daemon's own pid file, if that process is alive.
master_pid() {
  local pid
  [[ -r "$1" ]] || return 0
  pid="$(tr -dc '0-9' <"$1")"
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then echo "$pid"; fi
}

# One dpkg-query for all packages; unknown ones are simply not listed.
declare -A installed=()
while read -r pkg status; do
  [[ "$status" == "installed" ]] && installed[$pkg]=1
done < <(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "${PACKAGES[@]}" 2>/dev/null || true)
missing=()
for pkg in "${PACKAGES[@]}"; do
  [[ -n "${installed[$pkg]:-}" ]] || missing+=("$pkg")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-test-deps: all ${#PACKAGES[@]} packages already installed"
else
  echo "install-test-deps: installing ${missing[*]}"

  # postfix asks for a mailer type on install; "No configuration" leaves it
  # unconfigured, which is fine: tests use their own main.cf/master.cf.
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections

  # Forbid maintainer scripts from starting services (dovecot, postfix,
  # dbus) while installing. Only ours to remove if we created it.
  policy=/usr/sbin/policy-rc.d
  created_policy=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\n# installed temporarily by install-test-deps.sh\nexit 101\n' >"$policy"
    chmod 755 "$policy"
    created_policy=1
  fi
  remove_policy() {
    if [[ $created_policy -eq 1 ]]; then rm -f "$policy"; fi
  }
  trap remove_policy EXIT

  # If a policy-rc.d was already there (not ours, content unknown), services
  # might still get started: remember which system masters were running
  # before, so only the ones this install started are stopped afterwards.
  declare -A pidfiles=([dovecot]=/run/dovecot/master.pid [postfix]=/var/spool/postfix/pid/master.pid)
  declare -A was_running=()
  for svc in "${!pidfiles[@]}"; do
    was_running[$svc]="$(master_pid "${pidfiles[$svc]}")"
  done

  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends "${missing[@]}"

  for svc in "${!pidfiles[@]}"; do
    pid="$(master_pid "${pidfiles[$svc]}")"
    if [[ -n "$pid" && -z "${was_running[$svc]}" ]]; then
      echo "install-test-deps: stopping system $svc (pid $pid) started by the install"
      kill "$pid" || true
    fi
  done
fi

# The tests need these accounts, created by the packages above: the mail
# store belongs to Debian's `mail` user (uid 8), logins run as dovenull.
for user in mail dovecot dovenull postfix; do
  id "$user" >/dev/null 2>&1 || { echo "install-test-deps: missing system user $user" >&2; exit 1; }
done
getent group postdrop >/dev/null || { echo "install-test-deps: missing group postdrop" >&2; exit 1; }

echo "install-test-deps: done"
