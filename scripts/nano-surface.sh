#!/usr/bin/env bash
# Checks the stub surface of portability/NanoApi against the real nanoFramework libraries, for a developer who
# has their git mirrors (docs/device-build.md):
#   1. nano-device-check builds the libraries from the mirrors at the versions in the projects' packages.config;
#   2. the stub assemblies are built;
#   3. the manifest of those real libraries, restricted to what the stubs declare, is regenerated into a temporary
#      file and diffed with the committed portability/NanoApi/surface.txt;
#   4. the stubs are verified against the committed surface.txt.
# usage: bash scripts/nano-surface.sh MIRROR_ROOT [--update]     (--update: write the regenerated surface.txt)
# env:   NANO_DEVICE_CHECK  path of nano-device-check's run.sh (default /work/shared/tools/nano-device-check/run.sh);
#        NDC_CACHE and the other NDC_* variables as nano-device-check reads them.
# Exit status: 0 in step, 1 the surface or the stubs differ, 2 a tool failed.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
mirrors=${1:?usage: bash scripts/nano-surface.sh MIRROR_ROOT [--update]}
mirrors=$(cd "$mirrors" && pwd)
update=${2:-}
ndc=${NANO_DEVICE_CHECK:-/work/shared/tools/nano-device-check/run.sh}
committed=portability/NanoApi/surface.txt
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# 1. The real libraries. nano-device-check exits 1 when a project fails (today every .pe is too big; that is
# not this script's concern) and 2 when a library does not build.
status=0
bash "$ndc" "$root" "$mirrors" >"$tmp/ndc.log" 2>&1 || status=$?
if [ "$status" -gt 1 ]; then
  cat "$tmp/ndc.log" >&2
  echo "nano-surface: nano-device-check failed ($status)" >&2
  exit 2
fi
grep '^note: ' "$tmp/ndc.log" || true
work=$(sed -n 's/.*generated projects, logs and \.pe files in //p' "$tmp/ndc.log" | tail -n 1)
[ -d "$work/projects" ] || { cat "$tmp/ndc.log" >&2; echo "nano-surface: no nano-device-check work folder" >&2; exit 2; }
# Exactly the library builds the device projects compiled against: the HintPaths of the generated projects.
mapfile -t real < <(grep -ho '<HintPath>[^<]*</HintPath>' "$work"/projects/*/*.csproj | sed 's/<[^>]*>//g' \
  | grep -v '/mscorlib\.dll$' | sort -u)
[ "${#real[@]}" -gt 0 ] || { echo "nano-surface: no library found in $work/projects" >&2; exit 2; }

# 2. The stubs, and the tool.
stubs=()
header=()
for project in portability/NanoApi/*/*.csproj; do
  name=$(basename "$project" .csproj)
  dotnet build "$project" -c Release --nologo -v q >"$tmp/build.log" 2>&1 || { cat "$tmp/build.log" >&2; exit 2; }
  stubs+=("portability/NanoApi/$name/bin/Release/netstandard2.0/$name.dll")
  package=$(sed -n 's|.*<NanoPackageId>\(.*\)</NanoPackageId>.*|\1|p' "$project")
  version=$(sed -n 's|.*<Version>\(.*\)</Version>.*|\1|p' "$project")
  mirror=""
  for candidate in "$mirrors/nanoframework+$package" "$mirrors/nanoframework+${package#nanoFramework.}"; do
    for git_dir in "$candidate/repo" "$candidate"; do
      if [ -z "$mirror" ] && git --git-dir="$git_dir" rev-parse -q --verify HEAD >/dev/null 2>&1; then mirror=$git_dir; fi
    done
  done
  if [ -z "$mirror" ]; then
    header+=("  $package $version: no mirror")
  elif git --git-dir="$mirror" rev-parse -q --verify "refs/tags/v$version" >/dev/null; then
    header+=("  $package $version: tag v$version ($(git --git-dir="$mirror" rev-parse --short=10 "v$version"))")
  else
    header+=("  $package $version: no tag v$version; the mirror's newest commit $(git --git-dir="$mirror" rev-parse --short=10 HEAD)")
  fi
done
dotnet build tools/Terminal.NanoSurface -c Release --nologo -v q >"$tmp/build.log" 2>&1 || { cat "$tmp/build.log" >&2; exit 2; }
surface=(dotnet tools/Terminal.NanoSurface/bin/Release/net10.0/Terminal.NanoSurface.dll)

# 3. Regenerate and compare.
headers=(--header
  "The nanoFramework API the device code compiles against: the public types of the real libraries that the"
  "stubs in portability/NanoApi declare, with every member of the names they declare (tools/Terminal.NanoSurface)."
  "Real libraries built by nano-device-check from the nanoFramework mirrors, at the versions in packages.config:"
  "${header[@]}"
  "Regenerate: bash scripts/nano-surface.sh MIRROR_ROOT --update (docs/device-build.md).")
"${surface[@]}" extract --real "${real[@]}" --declared-in "${stubs[@]}" --out "$tmp/surface.txt" "${headers[@]}"
result=0
if diff -u "$committed" "$tmp/surface.txt" >"$tmp/surface.diff"; then
  echo "nano-surface: $committed is what the real libraries say"
elif [ "$update" = "--update" ]; then
  cp "$tmp/surface.txt" "$committed"
  echo "nano-surface: $committed updated:"
  cat "$tmp/surface.diff"
else
  cat "$tmp/surface.diff"
  echo "nano-surface: $committed differs from the real libraries (rerun with --update to write it)"
  result=1
fi

# 4. The stubs against the committed manifest.
"${surface[@]}" verify --stubs "${stubs[@]}" --manifest "$committed" || result=1
exit $result
