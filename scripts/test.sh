#!/usr/bin/env bash
# Runs every test of the solution, and first builds the whole solution: the nanoFramework portability gate and its
# size check are part of that build (`dotnet test` alone builds only what the test projects reference, which leaves
# the gate projects out). Installs what the tests need first; safe to run on a fresh machine and again on a warm one.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet build Terminal.sln -c Release --nologo 2>&1 | tee "$log" || status=$?
if [ "$status" -ne 0 ]; then
  echo "tests: 0 passed, 1 failed, 0 skipped (the build failed: the portability gate, its size check or a compile error above)"
  exit "$status"
fi
dotnet test Terminal.sln -c Release --no-build --nologo 2>&1 | tee "$log" || status=$?
# One closing line for people and CI: the sum over every test assembly.
awk '/(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+/ {
       gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit $status
