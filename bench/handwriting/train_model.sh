#!/usr/bin/env bash
# Trains the kiosk's handwriting model (assets/handwriting/level1.model) with Zinnia's own
# trainer (zinnia-utils) on distorted writing of the 3,500 level-1 characters: 10 samples a
# character from distorted_writing.py (seed 1), never the clean medians handwriting_bench
# tests with. 35 minutes wall, 18 of CPU, on the 2-core machine at load 6 (2026-12-05).
#
#   bench/handwriting/train_model.sh [OUT]     (default: assets/handwriting/level1.model)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/../../assets/handwriting/level1.model}
command -v zinnia_learn >/dev/null || { echo "train_model.sh: apt-get install zinnia-utils" >&2; exit 2; }
data=$("$here/fetch_stroke_data.sh")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$here/distorted_writing.py" "$data" "$here/tygf_level1.txt" 10 1 >"$work/train.s"
# zinnia_learn writes the binary model to its second argument and the text form beside it.
zinnia_learn "$work/train.s" "$work/level1.model" >"$work/learn.log"
mkdir -p "$(dirname "$out")"
cp "$work/level1.model" "$out"
echo "train_model.sh: $out ($(stat -c %s "$out") bytes)"
