#!/usr/bin/env bash
# The main job: a whole business day on the simulated terminal against the simulated acquirer host.
# Installs what it needs first (socat for --link serial, fonts for the PNG renderings); extra arguments go
# to `terminal demo` (--link serial, --out DIR, --seed N).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec dotnet run --project firmware/Terminal.Simulator -c Release -- demo "$@"
