#!/usr/bin/env bash
# The GPU checks, in one call on a lent machine that has torch but not fastai & co. Run from the repository root with
# wheels of the missing packages in .whl/ and the real subset in .data/cifar10-mini/ (both git-ignored); results go to $OUT.
set -u
OUT=${OUT:-/tmp/s10fast-gpu}; mkdir -p "$OUT"
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl || exit 1
export PYTHONPATH=/tmp/site:$PWD PYTHONUNBUFFERED=1 MPLBACKEND=Agg
D=.data/cifar10-mini/cifar-10-batches-py
nvidia-smi -L; nproc; python3 -c "import torch, fastai; print('torch', torch.__version__, 'fastai', fastai.__version__, torch.cuda.get_device_name())"
B="python3 bench/bench.py --data $D --device cuda --bs 512 --width 1 --repeat 10 --batches 40 --rounds 3"
step() { echo; echo "=== $1 ($(date +%T))"; shift; "$@" 2>&1 | grep -v -i warn; }
step "fast path: batch augmentation on the GPU, bf16, channels-last; then 24 epochs of 50,850 images" timeout 120 $B --aug batch --fit 24 --out "$OUT/bench_batch.json"
step "24 epochs on the real subset with s10fast train (defaults: LR finder, page recipe)" timeout 100 \
  python3 -c "from s10fast.cli import main; main()" train --data $D --epochs 24 --out /tmp/run_mini
cp /tmp/run_mini/results.json "$OUT/mini_results.json"; cp /tmp/run_mini/metrics.csv "$OUT/mini_metrics.csv"; cp /tmp/run_mini/config.json "$OUT/mini_config.json"
step "switches off: fp32, default memory layout" timeout 60 $B --aug batch --precision fp32 --channels_last no --out "$OUT/bench_fp32.json"
step "course path: albumentations per item on the CPU, 8 workers" timeout 70 $B --aug item --out "$OUT/bench_item.json"
echo "=== done ($(date +%T))"
