#!/usr/bin/env bash
# Serves the optimizer in onnx/ on http://localhost:8080 (Swagger UI at /swagger), or on ASPNETCORE_URLS when set.
# Extra arguments are configuration overrides, e.g. --Inference:ModelPath=/models/vpo-8b-int4 --Inference:MaxBatchSize=8
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
exec dotnet run --project src/Api -c Release -- "$@"
