#!/usr/bin/env bash
# The GPU measurements, on a lent machine that has torch but not fastai & co. Run from the repository root with wheels of the
# missing packages in .whl/ and the full-size JPEG archive in .data/cifar10-jpeg.tar.gz (both git-ignored). Results go to $OUT as
# each step ends (JSON; folders as one .tar.gz each, since the machine returns at most 8 files). Two parts, each inside one
# 10-minute call:
#   bash bench/gpu_run.sh 1   # speed (issue 13): the benchmark with its profile, eager and compiled; `s10fast train --epochs 24`
#                             # on all 60,000 images, eager and compiled (on an H200: about 5 minutes, estimated)
#   bash bench/gpu_run.sh 2   # accuracy (issue 10): page and course × s10fast and plain × 3 seeds at lr='auto', 24 epochs
#                             # (on an H200: about 45 s per seed and recipe, 7½ minutes in all)
# A dry run on the CPU at tiny size: DRY=1 DATA=<cifar-10-batches-py> bash bench/gpu_run.sh 1 (and 2).
set -u
PART=${1:?usage: gpu_run.sh 1|2}
if [ -n "${DRY:-}" ]; then E=2 W=0.125 S=1 B=128 DEV=cpu N=3 LIMIT="--limit 1024"; else E=24 W=1 S=3 B=512 DEV=cuda N=40 LIMIT=; fi
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
rm -rf /tmp/run_full /tmp/run_compiled /tmp/profile
trap 'ls -la "$OUT"; echo "=== done ($(date +%T))"' EXIT
step() { echo; echo "=== $1 ($(date +%T))"; shift; "$@" 2>&1 | sed -u 's/\r/\n/g' | grep --line-buffered -v -i -E 'warn|[0-9.]+% \[|^[ █]*(Epoch [0-9/]+ :)?[ █]*$'; }
TRAIN="python3 -c 'from s10fast.cli import main; main()' train --data $D --epochs $E --width $W --bs $B $LIMIT"
if [ "$PART" = 1 ]; then
  step "throughput: s10fast against the plain loop, default path (batch augmentation, bf16, channels-last), with a profile of 20 steps of each" \
    python3 bench/bench.py --data $D --device $DEV --width $W --bs $B --batches $N --rounds 3 --profile /tmp/profile --out $OUT/bench_full.json
  tar czf "$OUT/profile.tar.gz" -C /tmp/profile .
  step "throughput, both sides compiled (torch.compile, fixed shapes)" \
    python3 bench/bench.py --data $D --device $DEV --width $W --bs $B --batches $N --rounds 3 --compile --out $OUT/bench_full_compiled.json
  step "s10fast train, full size, defaults, $E epochs" bash -c "$TRAIN --out /tmp/run_full"
  tar czf "$OUT/train_full.tar.gz" -C /tmp/run_full --exclude '*.pth' --exclude '*.pkl' .
  step "s10fast train, full size, compiled, $E epochs" bash -c "$TRAIN --compile --out /tmp/run_compiled"
  tar czf "$OUT/train_compiled.tar.gz" -C /tmp/run_compiled --exclude '*.pth' --exclude '*.pkl' .
else
  step "accuracy grid: course and page, s10fast and plain, $S seeds, lr='auto' (steep_floor)" \
    python3 bench/accuracy.py --data $D --epochs $E --width $W --bs $B --seeds $S --recipes page,course --impls s10fast,plain --lr steep_floor --out $OUT/accuracy_auto.json
fi
