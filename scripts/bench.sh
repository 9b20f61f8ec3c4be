#!/usr/bin/env bash
# Builds the service and the benchmark, then runs the whole benchmark on the shipped model and writes
# bench/results/report.md (+ results.json, throughput.png, soak-rss.png). Takes about 19 minutes with the defaults;
# run it on an otherwise idle machine. Extra arguments go to `Vpo.Bench report` (see --help), e.g.
#   scripts/bench.sh --soak-minutes 0 --level-seconds 10
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dotnet build src/Api -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet build bench/Vpo.Bench -c Release -nologo -clp:ErrorsOnly >/dev/null
exec bench/Vpo.Bench/bin/Release/net10.0/Vpo.Bench report "$@"
