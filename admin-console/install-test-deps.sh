#!/usr/bin/env bash
# Installs what the admin-console browser test needs: Debian's Chromium and its chromedriver.
# Idempotent and non-interactive, so the project's test command can call it on every run
# (as root in CI, with no stdin); the test never downloads a browser or driver of its own.
set -euo pipefail

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends chromium chromium-driver fonts-liberation < /dev/null
