#!/usr/bin/env bash
# Stands in for a desktop `code` executable so that runTest.mjs (the @vscode/test-electron API)
# runs on a machine without one: it maps the arguments test-electron passes onto the
# code-server harness (../harness/run-ext-tests.sh). Usage:
#   VSCODE_EXECUTABLE=test/e2e/electron/code-shim.sh node test/e2e/electron/runTest.mjs
set -euo pipefail
ext=; tests=; ws=
for a in "$@"; do
  case "$a" in
    --extensionDevelopmentPath=*) ext=${a#*=} ;;
    --extensionTestsPath=*) tests=${a#*=} ;;
    --*) ;;   # --no-sandbox, --disable-extensions, --user-data-dir=… : code-server gets its own
    *) ws=$a ;;
  esac
done
[ -n "$ext" ] && [ -n "$tests" ] || { echo "code-shim: --extensionDevelopmentPath= and --extensionTestsPath= are required" >&2; exit 2; }
args=(--extension-path "$ext" --tests "$tests" --no-ui)
[ -n "$ws" ] && args+=(--workspace "$ws")
exec bash "$(dirname "$0")/../harness/run-ext-tests.sh" "${args[@]}"
