#!/usr/bin/env bash
# Installs the real AWS clients the end-to-end tests drive: the AWS CLI v2 (Debian package
# awscli, /usr/bin/aws), the AWS SDK for JavaScript v3 (npm, pinned in tests/e2e/js), Debian's boto3
# (python3-boto3, for /usr/bin/python3) and Debian's Chromium (/usr/bin/chromium) for the console
# tests: Playwright never downloads a browser.
# Source it and call install_clients.

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

install_clients() {
  local root
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  local packages=()
  [ -x /usr/bin/aws ] || packages+=(awscli)
  command -v node >/dev/null 2>&1 || packages+=(nodejs npm)
  [ -x /usr/bin/chromium ] || packages+=(chromium)
  [ -f /usr/lib/python3/dist-packages/boto3/__init__.py ] || packages+=(python3-boto3)
  if [ ${#packages[@]} -gt 0 ]; then
    echo "installing ${packages[*]} (Debian packages)"
    as_root apt-get update -qq || return 1
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${packages[@]}" >/dev/null || return 1
  fi
  # Installed again when package-lock.json names packages the installed tree lacks (a new client).
  if [ ! -d "$root/tests/e2e/js/node_modules/@aws-sdk/client-iam" ] \
     || ! cmp -s <(grep -o '"node_modules/@aws-sdk/client-[a-z-]*"' "$root/tests/e2e/js/package-lock.json" | sort -u) \
                 <(grep -o '"node_modules/@aws-sdk/client-[a-z-]*"' "$root/tests/e2e/js/node_modules/.package-lock.json" 2>/dev/null | sort -u); then
    echo "installing the AWS SDK for JavaScript v3 (npm ci in tests/e2e/js)"
    (cd "$root/tests/e2e/js" && npm ci --no-audit --no-fund --loglevel=error) || return 1
  fi
  echo "AWS CLI: $(/usr/bin/aws --version 2>&1 | cut -d' ' -f1), node $(node --version), boto3 $(/usr/bin/python3 -c 'import boto3; print(boto3.__version__)'), $(/usr/bin/chromium --version 2>/dev/null)"
}
