#!/usr/bin/env bash
# Install Debian's chromium for the browser tests if it is missing and we may install it.
# Where it cannot be installed the browser tests skip themselves with the reason.
set -u
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "chromium not installed and not root: browser tests will be skipped" >&2
  exit 0
fi
echo "Installing Debian's chromium for the browser tests..." >&2
export DEBIAN_FRONTEND=noninteractive
if ! { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }; then
  echo "apt-get could not install chromium: browser tests will be skipped" >&2
fi
exit 0
