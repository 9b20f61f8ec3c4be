#!/usr/bin/env bash
# Serves the optimizer in onnx/ on http://localhost:8080 (Swagger UI at /swagger), or on ASPNETCORE_URLS when set.
# Extra arguments are configuration overrides, e.g. --Inference:ModelPath=/models/vpo-8b-int4 --Inference:MaxBatchSize=8
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# Two malloc arenas, as in the container image: glibc's default lets native buffers of ONNX Runtime scatter across
# many arenas and the resident memory keep growing under load (bench/README.md).
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
exec dotnet run --project src/Api -c Release -- "$@"
