#!/usr/bin/env bash
# The main job: a whole business day on the simulated terminal against the simulated acquirer host.
# Installs what it needs first (socat for --link serial, fonts for the PNG renderings); extra arguments go
# to `terminal demo` (--link serial, --out DIR, --seed N).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# ./terminal builds Release when a source changed (progress on stderr) and runs the built simulator.
exec ./terminal demo "$@"
