#!/usr/bin/env bash
# The browser the web client's tests drive (system-tests, WebClientBrowserTest): Chromium and its
# WebDriver from the operating system's packages. Nothing is downloaded by the tests themselves.
# Checks for them; installs them where apt-get can (Debian, Ubuntu) and we may (root or sudo);
# otherwise says what to install. Safe to run again.
set -euo pipefail

have() { command -v "$1" >/dev/null 2>&1; }
browser() { [ -n "${CHAT_CHROMIUM:-}" ] || have chromium || have chromium-browser || have google-chrome; }
driver() { [ -n "${CHAT_CHROMEDRIVER:-}" ] || have chromedriver; }

if browser && driver; then
  echo "browser for the web client's tests: $(command -v chromium || command -v chromium-browser || command -v google-chrome), $(command -v chromedriver)"
  exit 0
fi
if have apt-get; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    if have sudo; then SUDO="sudo"; else
      echo "Chromium is missing: run as root, or install the packages chromium and chromium-driver" >&2; exit 1
    fi
  fi
  echo "installing Chromium and its WebDriver (Debian packages chromium, chromium-driver)"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
  browser && driver && exit 0
fi
echo "Chromium and chromedriver are needed for the web client's tests: install them with your package" \
     "manager (Debian/Ubuntu: chromium chromium-driver; Fedora: chromium chromedriver; macOS: brew install" \
     "--cask chromium chromedriver), or point CHAT_CHROMIUM and CHAT_CHROMEDRIVER at them." >&2
exit 1
