#!/usr/bin/env bash
# Debian packages the e2e harness needs, installed once per machine. Idempotent: does nothing
# when they are already there.
#   chromium     the browser window around code-server (driven by playwright-core)
#   libkrb5-dev  headers code-server's `kerberos` dependency is compiled against
set -euo pipefail
need=()
for p in chromium libkrb5-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "missing Debian packages: ${need[*]} (install them with: sudo apt-get install -y ${need[*]})" >&2
  exit 1
fi
echo "installing ${need[*]} with apt-get"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${need[@]}"
