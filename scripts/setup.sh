#!/usr/bin/env bash
# Installs what the build, the simulator and the tests need beyond the .NET SDK. Idempotent.
set -euo pipefail
need=()
# socat makes the pty pair the serial host-link tests talk over.
command -v socat >/dev/null || need+=(socat)
# Fonts the receipt and display renderers draw PNGs with (Latin, and Chinese for GB18030 receipt lines).
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf ] || need+=(fonts-dejavu-core)
[ -f /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] || need+=(fonts-wqy-zenhei)
command -v dotnet >/dev/null || { echo "setup: the .NET 10 SDK is required (dotnet not on PATH)" >&2; exit 1; }
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  fi
fi
