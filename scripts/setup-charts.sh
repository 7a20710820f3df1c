#!/usr/bin/env bash
# Installs what static chart export needs: Debian's headless-capable Chromium, and plotly.js
# (pinned in tools/package-lock.json) into tools/node_modules. Safe to run again.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if ! command -v chromium >/dev/null 2>&1; then
    echo "Installing chromium (apt)..."
    sudo_cmd=""
    if [ "$(id -u)" -ne 0 ]; then
        sudo_cmd="sudo"
    fi
    $sudo_cmd apt-get update
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y --no-install-recommends chromium
fi
echo "chromium: $(chromium --version 2>/dev/null || echo 'not runnable')"

if ! command -v npm >/dev/null 2>&1; then
    echo "npm is required (apt-get install npm)" >&2
    exit 1
fi

echo "Installing plotly.js-dist-min into tools/node_modules (npm ci)..."
npm ci --prefix "$repo_root/tools" --no-audit --no-fund

plotly="$repo_root/tools/node_modules/plotly.js-dist-min/plotly.min.js"
if [ ! -f "$plotly" ]; then
    echo "expected $plotly after npm ci" >&2
    exit 1
fi
echo "plotly.js: $plotly"
