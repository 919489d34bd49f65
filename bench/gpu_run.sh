#!/usr/bin/env bash
# The GPU measurements, on a lent machine that has torch but not fastai & co. Run from the repository root with wheels of the
# missing packages in .whl/ and the full-size JPEG archive in .data/cifar10-jpeg.tar.gz (both git-ignored). Results go to $OUT as
# each step ends (JSON; folders as one .tar.gz each, since the machine returns at most 8 files). Two parts, each well inside
# one 10-minute call:
#   bash bench/gpu_run.sh 1   # 24 epochs with `s10fast train`; the accuracy grid: page and course × s10fast and plain × 3 seeds
#                             # (on an H200: about 40 s, then about 45 s per seed and recipe: 7½ minutes in all)
#   bash bench/gpu_run.sh 2   # page at Page's 0.4 over 3 seeds; the throughput benchmark and its profile (about 3 minutes)
# A dry run on the CPU at tiny size: DRY=1 DATA=<cifar-10-batches-py> bash bench/gpu_run.sh 1 (and 2).
set -u
PART=${1:?usage: gpu_run.sh 1|2}
if [ -n "${DRY:-}" ]; then E=1 W=0.125 S=1 B=128 DEV=cpu; else E=24 W=1 S=3 B=512 DEV=cuda; fi
OUT=${OUT:-/tmp/s10fast-gpu}; mkdir -p "$OUT"
if [ -z "${DRY:-}" ]; then
  python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl || exit 1
  export PYTHONPATH=/tmp/site:$PWD; nvidia-smi -L
fi
export PYTHONUNBUFFERED=1 MPLBACKEND=Agg
nproc
python3 -c "import torch, fastai, albumentations, s10fast; print('torch', torch.__version__, 'fastai', fastai.__version__)" || exit 1
D=${DATA:-/tmp/cifar10-jpeg}
[ -n "${DATA:-}" ] || { mkdir -p $D && tar xzf .data/cifar10-jpeg.tar.gz -C $D; } || exit 1
rm -rf /tmp/run_full /tmp/profile
trap 'ls -la "$OUT"; echo "=== done ($(date +%T))"' EXIT
step() { echo; echo "=== $1 ($(date +%T))"; shift; "$@" 2>&1 | sed -u 's/\r/\n/g' | grep --line-buffered -v -i -E 'warn|[0-9.]+% \[|^[ █]*(Epoch [0-9/]+ :)?[ █]*$'; }
A="python3 bench/accuracy.py --data $D --epochs $E --width $W --bs $B --seeds $S"
if [ "$PART" = 1 ]; then
  step "s10fast train, full size, defaults (page, LR finder, batch augmentation, bf16, channels-last), 24 epochs" \
    python3 -c "from s10fast.cli import main; main()" train --data $D --epochs $E --width $W --bs $B --out /tmp/run_full
  tar czf "$OUT/train_full.tar.gz" -C /tmp/run_full --exclude '*.pth' --exclude '*.pkl' .
  step "accuracy grid: course and page, s10fast and plain, 3 seeds, lr='auto' (steep_floor)" \
    $A --recipes page,course --impls s10fast,plain --lr steep_floor --out $OUT/accuracy_auto.json
else
  step "Page's hand-picked 0.4, s10fast" $A --recipes page --impls s10fast --lr 0.4 --out $OUT/accuracy_page_0.4.json
  step "throughput: s10fast against the plain loop, full size, default path, with a profile of 20 steps of each" \
    python3 bench/bench.py --data $D --device $DEV --width $W --bs $B --batches 40 --rounds 3 --profile /tmp/profile --out $OUT/bench_full.json
  tar czf "$OUT/profile.tar.gz" -C /tmp/profile .
fi
