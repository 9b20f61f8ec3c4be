#!/usr/bin/env bash
# Runs the vpo-train CLI (TorchSharp) with the C++ runtime it needs on this host.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
configuration="${CONFIGURATION:-Release}"
dotnet build "$repo_root/src/Training/Vpo.Training.csproj" -c "$configuration" -nologo -v q -clp:ErrorsOnly >&2
exec "$repo_root/scripts/torch-runtime.sh" exec "$repo_root/src/Training/bin/$configuration/net10.0/vpo-train" "$@"
