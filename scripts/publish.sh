#!/usr/bin/env bash
# Publishes the optimizer service (src/Api) or the training CLI (src/Training, vpo-train) for Linux x64,
# framework-dependent. The Dockerfile runs exactly these commands, so running this script checks the image's
# build steps on a machine without Docker.
#
# Usage: scripts/publish.sh restore            # restore only (the Dockerfile's cached layer)
#        scripts/publish.sh publish OUTPUT     # restore if needed, then publish into OUTPUT
# Environment: VPO_APP=api (default) | train
#              VPO_CUDA=true builds the CUDA variant (-p:VpoCuda=true: ONNX Runtime GPU + GenAI CUDA, TorchSharp CUDA)
#              CONFIGURATION (default Release)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

configuration="${CONFIGURATION:-Release}"
cuda="${VPO_CUDA:-false}"
case "$cuda" in true | false) ;; *) echo "publish.sh: VPO_CUDA must be true or false, got '$cuda'" >&2; exit 2 ;; esac
case "${VPO_APP:-api}" in
  api) project="src/Api/Vpo.Api.csproj" ;;
  train) project="src/Training/Vpo.Training.csproj" ;;
  *) echo "publish.sh: VPO_APP must be api or train, got '${VPO_APP}'" >&2; exit 2 ;;
esac
# The runtime identifier puts the Linux natives (libonnxruntime*.so, libtorch*.so) next to the app's dll and
# leaves the Windows and macOS ones out of the image.
common=(-r linux-x64 -p:VpoCuda="$cuda" -nologo)

case "${1:-}" in
  restore)
    dotnet restore "$project" "${common[@]}"
    ;;
  publish)
    output="${2:?usage: scripts/publish.sh publish OUTPUT}"
    dotnet publish "$project" -c "$configuration" --self-contained false -o "$output" "${common[@]}"
    ;;
  *)
    echo "usage: scripts/publish.sh restore | publish OUTPUT" >&2
    exit 2
    ;;
esac
