#!/usr/bin/env bash
# `npm run test:e2e`: the extension in a real VS Code (code-server from npm + Debian Chromium).
# Installs what is missing (Debian packages, code-server; both once per machine), then runs
# runtests.mjs, which packages the VSIX, starts a throw-away code-server in its own process
# group, runs the mocha suite in the extension host plus a playwright UI check, prints
# `N passed, N failed` and stops everything it started. Extra arguments go to runtests.mjs.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
bash "$HERE/install-system-deps.sh"
bash "$HERE/install-code-server.sh"
exec node "$HERE/runtests.mjs" "$@"
