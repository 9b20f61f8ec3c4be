#!/usr/bin/env bash
# Builds the solution and runs every test project; prints one closing line "N passed, N failed, N skipped".
# Test projects are xunit v3 executables; the training tests run through scripts/torch-runtime.sh so that
# TorchSharp's native bridge loads on hosts with an older C++ runtime.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

configuration="${CONFIGURATION:-Release}"
scripts/torch-runtime.sh prepare
dotnet build VPO.sln -c "$configuration" -nologo -clp:ErrorsOnly

passed=0; failed=0; skipped=0; status=0
logs="$(mktemp -d)"
for project in tests/*/*.csproj; do
  name="$(basename "$project" .csproj)"
  apphost="$(dirname "$project")/bin/$configuration/net10.0/$name"
  runner=("$apphost")
  [[ "$name" == "Vpo.Training.Tests" ]] && runner=(scripts/torch-runtime.sh exec "$apphost")
  echo "=== $name"
  if ! "${runner[@]}" -noColor "$@" 2>&1 | tee "$logs/$name.log"; then status=1; fi
  summary="$(grep -E "Total: [0-9]+, Errors: [0-9]+, Failed: [0-9]+, Skipped: [0-9]+, Not Run: [0-9]+" "$logs/$name.log" | tail -n1 || true)"
  if [[ -z "$summary" ]]; then echo "no test summary from $name"; status=1; continue; fi
  total=$(sed -E 's/.*Total: ([0-9]+).*/\1/' <<<"$summary")
  errors=$(sed -E 's/.*Errors: ([0-9]+).*/\1/' <<<"$summary")
  fails=$(sed -E 's/.*Failed: ([0-9]+).*/\1/' <<<"$summary")
  skips=$(sed -E 's/.*Skipped: ([0-9]+).*/\1/' <<<"$summary")
  notrun=$(sed -E 's/.*Not Run: ([0-9]+).*/\1/' <<<"$summary")
  failed=$((failed + fails + errors))
  skipped=$((skipped + skips + notrun))
  passed=$((passed + total - fails - skips - notrun))
done
rm -rf "$logs"
echo "$passed passed, $failed failed, $skipped skipped"
if ((failed > 0 || passed == 0)); then status=1; fi
exit "$status"
