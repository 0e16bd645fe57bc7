#!/usr/bin/env bash
# Installs code-server (VS Code in the browser, from npm) once per machine, outside the repo,
# into a folder keyed by version. Idempotent: skips when the right version is already there.
# Why outside the repo: its postinstall compiles native modules (1-2 min); as a devDependency
# it would slow every `npm ci`.
set -euo pipefail
VERSION=${CODE_SERVER_VERSION:-4.100.3}
D=${CODE_SERVER_HOME:-/opt/vscode-test/cs-$VERSION}
# Read the version from package.json: running `code-server --version` would write ~/.config/code-server/config.yaml.
installed=$(node -p "require('$D/node_modules/code-server/package.json').version" 2>/dev/null || true)
if [ "$installed" = "$VERSION" ] && [ -f "$D/node_modules/code-server/out/node/entry.js" ]; then
  echo "code-server $VERSION already installed in $D"; exit 0
fi
mkdir -p "$D/tmp"; cd "$D"
export TMPDIR=$D/tmp
# @vscode/ripgrep's postinstall downloads from GitHub (unreachable here): seed its cache with the
# rg binary that the npm package @vscode/ripgrep-linux-x64 ships.
mkdir -p rgseed && (cd rgseed && npm pack --silent @vscode/ripgrep-linux-x64@1.18.0 >/dev/null && tar xzf vscode-ripgrep-linux-x64-1.18.0.tgz)
mkdir -p "$TMPDIR/vscode-ripgrep-cache-1.15.11"
tar czf "$TMPDIR/vscode-ripgrep-cache-1.15.11/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C rgseed/package/bin rg
[ -f package.json ] || npm init -y >/dev/null
# unsafe_perm: code-server's postinstall refuses root otherwise; yes: node-pty runs `npx node-gyp`.
npm_config_unsafe_perm=true npm_config_yes=true npm install --no-audit --no-fund "code-server@$VERSION" > install.log 2>&1 \
  || { tail -40 install.log; exit 1; }
# XDG_*: keep code-server's first run from writing into ~/.config and ~/.local/share.
XDG_CONFIG_HOME=$D/tmp/xdg-config XDG_DATA_HOME=$D/tmp/xdg-data "$D/node_modules/.bin/code-server" --version
