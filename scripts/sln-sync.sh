#!/usr/bin/env bash
# Adds every project of the tree to Terminal.sln (after merges); the nanoFramework device projects are .nfproj and stay out.
set -euo pipefail
cd "$(dirname "$0")/.."
find . -name "*.csproj" -not -path "*/obj/*" -not -path "*/bin/*" -not -path "*/.probe-*" -print0 \
  | xargs -0 dotnet sln Terminal.sln add >/dev/null
