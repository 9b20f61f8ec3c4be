#!/usr/bin/env bash
# Regenerates tests/Fixtures/tiny-llama: a random-weight Llama with the project's own tokenizer, exported by the
# project's exporter. Service tests use it to run the real ONNX Runtime GenAI without TorchSharp.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
queries="${VPO_QUERIES:-$repo_root/../shared/data/vpo-queries}"
work="$repo_root/.cache/tiny-model"
train=("$repo_root/scripts/vpo-train.sh")
mkdir -p "$work"

"${train[@]}" corpus --queries "$queries/sft_queries.json" --output "$work/corpus.txt"
# 1,019 learned tokens + 5 specials: <|begin_of_text|> is 1019, <|end_of_text|> 1020, <|eot_id|> 1023.
"${train[@]}" tokenizer --corpus "$work/corpus.txt" --vocab-size 1024 --model-max-length 4096 --output "$work/tokenizer"
"${train[@]}" init --config tests/Fixtures/tiny-llama-config.json --seed 1 --output "$work/checkpoint"
"${train[@]}" export --checkpoint "$work/checkpoint" --tokenizer "$work/tokenizer" --output tests/Fixtures/tiny-llama
