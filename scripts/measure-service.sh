#!/usr/bin/env bash
# Quick throughput check of POST /optimize (not a benchmark): starts the service with the given max batch size,
# sends REQUESTS greedy requests of exactly MAX_NEW_TOKENS tokens with CONCURRENCY clients, prints requests/s and tokens/s.
# Usage: scripts/measure-service.sh <max-batch-size> <concurrency> [requests] [max-new-tokens] [model-folder]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
max_batch="${1:?max batch size}"; concurrency="${2:?concurrency}"; requests="${3:-32}"; tokens="${4:-64}"; model="${5:-onnx}"
port="${PORT:-8091}"
dotnet build src/Api -c Release -nologo -clp:ErrorsOnly >/dev/null
src/Api/bin/Release/net10.0/Vpo.Api --urls="http://127.0.0.1:$port" --Inference:ModelPath="$PWD/$model" \
  --Inference:MaxBatchSize="$max_batch" --Inference:QueueCapacity=1024 --Logging:LogLevel:Default=Warning >/dev/null 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
until curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null; do sleep 0.2; done

out="$(mktemp)"
start=$(date +%s.%N)
seq "$requests" | xargs -P "$concurrency" -I{} curl -sf -X POST "http://127.0.0.1:$port/optimize" \
  -H 'content-type: application/json' \
  -d "{\"query\":\"query number {} about a cat\",\"options\":{\"temperature\":0,\"max_new_tokens\":$tokens,\"min_new_tokens\":$tokens}}" \
  -w '\n' >"$out"
end=$(date +%s.%N)
# Each answer ends with "model", then the request's total usage; count those rather than lines, which concurrent
# writers may join.
totals=$(grep -o '"model":"[^"]*","usage":{"prompt_tokens":[0-9]*,"completion_tokens":[0-9]*' "$out" | sed -E 's/.*"completion_tokens":([0-9]+)/\1/')
answered=$(grep -c . <<<"$totals" || true)
completion=$(awk '{ sum += $1 } END { print sum + 0 }' <<<"$totals")
failed=$((requests - answered))
metrics="$(curl -s "http://127.0.0.1:$port/metrics")"
mean_batch=$(awk '/^vpo_batch_size_sum/ { sum = $2 } /^vpo_batch_size_count/ { count = $2 } END { if (count > 0) printf "%.1f", sum / count; else print "n/a" }' <<<"$metrics")
awk -v n="$answered" -v t="$completion" -v s="$start" -v e="$end" -v b="$max_batch" -v c="$concurrency" \
  -v f="$failed" -v m="$mean_batch" 'BEGIN { d = e - s; printf "max batch %d, concurrency %d: %d requests (%d failed) in %.2f s = %.2f requests/s, %d tokens = %.0f generated tokens/s, mean batch %s (warm-up included)\n", b, c, n, f, d, n / d, t, t / d, m }'
rm -f "$out"
