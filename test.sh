#!/usr/bin/env bash
# Builds and tests the whole solution.
#
# Where the Pulumi packages cannot be restored from the configured NuGet sources (an offline or
# partial mirror), it builds and tests the Pulumi-free projects (NodePools.Core.slnf) instead and
# says loudly which projects it skipped and why. Any other restore, build or test failure fails,
# and so does a Pulumi package found in another version only (NU1102: a pin that does not exist).
# REQUIRE_PULUMI=1 (CI sets it) makes the fallback itself a failure.
set -uo pipefail
cd "$(dirname "$0")"

solution=NodePools.sln
core=NodePools.Core.slnf
log=$(mktemp)
trap 'rm -f "$log"' EXIT

banner() { printf '\n%s\n%s\n%s\n' "================================================================" "$1" "================================================================"; }

scope=$solution
if ! dotnet restore "$solution" >"$log" 2>&1; then
  errors=$(grep -E ': error ' "$log" | sed -E 's/ \[[^]]*\]$//' | sort -u)
  # Restore errors that are not "package Pulumi* not found in the sources" (NU1101). NU1102 (the
  # package exists, not in the pinned version) is a wrong pin, never a missing mirror: fatal.
  other=$(printf '%s\n' "$errors" | grep -vE "error NU1101: Unable to find package '?Pulumi(\.[A-Za-z]+)?'?[ .]" | grep -v '^$' || true)
  if [ -z "$errors" ] || [ -n "$other" ]; then
    cat "$log"
    echo "test.sh: restore failed for a reason other than Pulumi packages missing from the sources." >&2
    exit 1
  fi
  if [ "${REQUIRE_PULUMI:-0}" = "1" ]; then
    printf '%s\n' "$errors"
    echo "test.sh: REQUIRE_PULUMI=1 and the Pulumi packages cannot be restored: the Pulumi projects must build and test here." >&2
    exit 1
  fi
  skipped=$(comm -23 \
    <(dotnet sln "$solution" list | grep -E '\.csproj$' | tr '\\' '/' | sort) \
    <(grep -oE '"[^"]+\.csproj"' "$core" | tr -d '"' | sed 's#\\\\#/#g' | sort))
  banner "SKIPPING THE PULUMI PROJECTS: the Pulumi NuGet packages are not in the configured sources"
  printf '%s\n' "$errors" | sed 's/^/  /'
  echo
  echo "Skipped (they build and test where nuget.org is reachable):"
  printf '%s\n' "$skipped" | sed 's/^/  - /'
  echo "Running the Pulumi-free projects ($core) instead."
  scope=$core
  dotnet restore "$scope" || exit 1
fi

dotnet build "$scope" --no-restore -c Release -warnaserror -nologo -v quiet || exit 1
dotnet test "$scope" --no-build -c Release --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# One closing line for the whole run, summed over the test projects.
awk '/(Passed|Failed)!/ {
       for (i = 1; i <= NF; i++) { gsub(",", "", $(i+1));
         if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
[ "$scope" = "$core" ] && echo "(Pulumi projects skipped: see the notice above.)"
exit "$status"
