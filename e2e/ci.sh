#!/usr/bin/env bash
# The journeys as CI runs them, once Préau is built (cargo build --release -p preau):
# installs Debian's chromium if missing, `npm ci`, then runs every journey against
# $PREAU_BIN (default: $CARGO_TARGET_DIR/release/preau, else ../target/release/preau).
set -euo pipefail
cd "$(dirname "$0")"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if [ ! -x "${CHROMIUM_BIN:-/usr/bin/chromium}" ]; then
    echo "Chromium is not installed: installing Debian's package"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
fi
npm ci --no-audit --no-fund --loglevel=error
exec node run.mjs "$@"
