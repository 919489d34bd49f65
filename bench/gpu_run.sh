#!/usr/bin/env bash
# The GPU measurements, on a lent machine that has torch but not fastai & co. Run from the repository root with wheels of the
# missing packages in .whl/ (`bash bench/gpu_wheels.sh` fills it, 10 MB) and the full-size JPEG archive in .data/cifar10-jpeg.tar.gz
# (`mkdir -p .data && cp ../shared/data/cifar10-jpeg/cifar10-jpeg.tar.gz .data/`), both git-ignored, carried to the machine. Results
# go to $OUT as each step ends (JSON; folders as one .tar.gz each, and at the end all those archives in one archives.tar, since the
# machine returns at most 8 files: part 7 leaves 6, and room for a log the command tees into $OUT). Parts, each inside one
# 10-minute call, most wanted first, each step cut off so that the whole ends within $BUDGET seconds:
#   bash bench/gpu_run.sh 1   # speed (issue 13): the benchmark (rounds of 97 batches, an epoch) with its profile, eager and compiled; `s10fast train --epochs 24`
#                             # on all 60,000 images, eager and compiled (on an H200: about 5 minutes, estimated)
#   bash bench/gpu_run.sh 2   # accuracy (issue 10): page and course × s10fast and plain × 3 seeds at lr='auto', 24 epochs
#                             # (on an H200: about 100 s per seed, estimated from the runs of Nov 2026)
#   bash bench/gpu_run.sh all # the eager benchmark and profile, the grid (whose s10fast runs time the eager 24 epochs),
#                             # `s10fast train --compile`, then the compiled benchmark
#   bash bench/gpu_run.sh 3   # the whole step (issues 13 and 10): its benchmark with profile; `s10fast train --whole_step`, and with
#                             # --compile too; page's grid with it beside the eager step and the plain loop (3 seeds, about 70 s each)
#   bash bench/gpu_run.sh 4   # course's grid, 3 seeds; page at Page's peak LR 0.4 (run on 29 Nov 2026)
#   bash bench/gpu_run.sh 5   # the LR rule (issue 10): page at today's lr='auto' (fall_end, since 29 Nov 2026), s10fast and plain, 3 seeds
#                             # (about 2 minutes); then course through s10fast at 0.005 and 0.01, near its loss minimum, 3 seeds each
#   bash bench/gpu_run.sh 6   # speed candidates (issue 13): which BatchNorm kernels each precision gets, timed (bench/bn_backend.py, seconds);
#                             # the whole step's benchmark with nn.MaxPool2d, then with AmaxPool2d (bench/amax_pool.py), each with a profile
#                             # and 24 epochs through Run at peak LR 0.4 (seed 42); then `s10fast train --compile --whole_step` again (its
#                             # 14.8 s against 11.8 s on 29 Nov 2026 read the loss back after every batch, fixed on 30 Nov), and the
#                             # compiled model inside the graph benchmarked, with a profile; about 6 minutes, estimated
#   BUDGET=560 bash bench/gpu_run.sh 7   # both open issues' first measurements in one call, so that no idle gap between calls loses the
#                             # machine: part 5's page grid (about 2 minutes), then part 6 (about 6 minutes, estimated)
#   bash bench/gpu_run.sh "train 100" "grid 300 course"   # steps by name (bn, bench, bench_c, bench_g, bench_i, bench_w, bench_wa, bench_cw, train, train_c, train_w, train_cw, grid), each cut off
#   bash bench/gpu_run.sh "bench_i 90"                     # the item path (albumentations per item, 8 workers): ratio 0.49 with the code before 30 Nov 2026 (docs/results/h200/earlier/bench_item_path.json)
#   bash bench/gpu_run.sh "bench_w 120" "train_w 100"    # the whole step recorded as one CUDA graph (--whole_step): benchmark with profile, 24 epochs
#   bash bench/gpu_run.sh "bench_cw 150" "train_cw 120"  # the same with the model compiled inside the graph (--compile --whole_step)
#   bash bench/gpu_run.sh "grid 160 page 0.4"              # grid RECIPES LR: a given peak LR (or LR finder rule) instead of lr='auto'
#   bash bench/gpu_run.sh "grid 300 page auto s10fast,whole_step,plain"   # grid RECIPES LR IMPLS: whole_step repeats each s10fast run
#   bash bench/gpu_run.sh "grid 300 page auto s10fast,compiled,plain"     # compiling's effect on accuracy: each s10fast run again as
#                             # `s10fast train --compile` runs it (whole step, compiled model), same peak LR; about 4 minutes, estimated
# A dry run on the CPU at tiny size: DRY=1 DATA=<cifar-10-batches-py> bash bench/gpu_run.sh 1 (and 2).
set -u
PART=${1:?usage: gpu_run.sh 1|2|all|'STEP SECONDS'...}
START=$(date +%s); BUDGET=${BUDGET:-570}
if [ -n "${DRY:-}" ]; then E=2 W=0.125 S=1 B=128 DEV=cpu N=3 LIMIT="--limit 1024"; else E=24 W=1 S=3 B=512 DEV=cuda N=97 LIMIT=; fi
OUT=${OUT:-/tmp/s10fast-gpu}; mkdir -p "$OUT"
if [ -z "${DRY:-}" ]; then
  [ -f /tmp/site/.installed ] || { python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site \
    .whl/*.whl && touch /tmp/site/.installed; } || exit 1  # a second call on the same warm machine skips it, as the archive below
  export PYTHONPATH=/tmp/site:$PWD; nvidia-smi -L
fi
export PYTHONUNBUFFERED=1 MPLBACKEND=Agg
nproc
python3 -c "import torch, fastai, albumentations, s10fast; print('torch', torch.__version__, 'fastai', fastai.__version__)" || exit 1
D=${DATA:-/tmp/cifar10-jpeg}
[ -n "${DATA:-}" ] || [ -f $D/.extracted ] || { rm -rf $D && mkdir -p $D && tar xzf .data/cifar10-jpeg.tar.gz -C $D && touch $D/.extracted; } || exit 1
rm -rf /tmp/run_full /tmp/run_compiled /tmp/run_whole /tmp/run_compiled_whole /tmp/profile /tmp/profile_whole /tmp/profile_amax /tmp/profile_cw
pack() { cd "$OUT" && ls *.tar.gz >/dev/null 2>&1 && tar cf archives.tar *.tar.gz && rm *.tar.gz; cd - >/dev/null; }
trap 'pack; ls -la "$OUT"; echo "=== done ($(date +%T))"' EXIT
# step TITLE SECONDS COMMAND...: run COMMAND for at most SECONDS, and never past the budget
step() { local t=$1 left=$((START + BUDGET - $(date +%s))); local s=$(( $2 < left ? $2 : left )); shift 2
         echo; echo "=== $t ($(date +%T), at most $s s)"; [ $s -gt 5 ] || { echo "skipped: out of time"; return; }
         timeout -k 5 $s "$@" 2>&1 | sed -u 's/\r/\n/g' | grep --line-buffered -v -i -E 'warn|[0-9.]+% \[|^[ █]*(Epoch [0-9/]+ :)?[ █]*$'; }
TRAIN="python3 -c 'from s10fast.cli import main; main()' train --data $D --epochs $E --width $W --bs $B $LIMIT"
bench()   { step "throughput: s10fast against the plain loop, default path (batch augmentation, bf16, channels-last), with a profile of 20 steps of each" $1 \
              python3 bench/bench.py --data $D --device $DEV --width $W --bs $B --batches $N --rounds 3 --profile /tmp/profile --out $OUT/bench_full.json
            [ -d /tmp/profile ] && tar czf "$OUT/profile.tar.gz" -C /tmp/profile .; }
bn()      { step "BatchNorm: the backend PyTorch picks in bf16, fp16 and fp32, and cuDNN called on bf16, each timed on the model's eight shapes" $1 \
              python3 bench/bn_backend.py --device $DEV --width $W --bs $B --out $OUT/bn_backend.json; }
bench_c() { step "throughput, both sides compiled (torch.compile, fixed shapes)" $1 \
              python3 bench/bench.py --data $D --device $DEV --width $W --bs $B --batches $N --rounds 3 --compile --out $OUT/bench_full_compiled.json; }
bench_g() { step "throughput, both sides compiled with CUDA graphs (torch.compile mode reduce-overhead)" $1 \
              python3 bench/bench.py --data $D --device $DEV --width $W --bs $B --batches $N --rounds 3 --compile reduce-overhead --out $OUT/bench_full_graphs.json; }
bench_w() { step "throughput, each training batch one call of a recorded CUDA graph on both sides (--whole_step), with a profile of 20 steps of each; then $E epochs through Run at peak LR 0.4" $1 \
              python3 bench/bench.py --data $D --device $DEV --width $W --bs $B --batches $N --rounds 3 --whole_step --profile /tmp/profile_whole --fit $E --out $OUT/bench_full_whole.json
            [ -d /tmp/profile_whole ] && tar czf "$OUT/profile_whole.tar.gz" -C /tmp/profile_whole .; }
bench_wa() { step "the same with AmaxPool2d in place of nn.MaxPool2d in both models and in Run's (--pool amax)" $1 \
              python3 bench/bench.py --data $D --device $DEV --width $W --bs $B --batches $N --rounds 3 --whole_step --pool amax --profile /tmp/profile_amax --fit $E --out $OUT/bench_full_whole_amax.json
            [ -d /tmp/profile_amax ] && tar czf "$OUT/profile_amax.tar.gz" -C /tmp/profile_amax .; }
bench_i() { step "throughput on the item path: albumentations per item in s10fast's 8 workers (--aug item), bf16, channels-last; batches made from the arrays by the adapter since 30 Nov 2026 (items from them earlier that day)" $1 \
              python3 bench/bench.py --data $D --device $DEV --width $W --bs $B --batches $N --rounds 3 --aug item --out $OUT/bench_full_item.json; }
bench_cw() { step "throughput, compiled model inside the recorded graph on both sides (--compile --whole_step), with a profile of 20 steps of each" $1 \
              python3 bench/bench.py --data $D --device $DEV --width $W --bs $B --batches $N --rounds 3 --compile --whole_step --profile /tmp/profile_cw --out $OUT/bench_full_compiled_whole.json
            [ -d /tmp/profile_cw ] && tar czf "$OUT/profile_cw.tar.gz" -C /tmp/profile_cw .; }
train()   { step "s10fast train, full size, the eager step (--whole_step no), $E epochs" $1 bash -c "$TRAIN --whole_step no --out /tmp/run_full"
            [ -d /tmp/run_full ] && tar czf "$OUT/train_full.tar.gz" -C /tmp/run_full --exclude '*.pth' --exclude '*.pkl' .; }
train_c() { step "s10fast train, full size, compiled, the eager step, $E epochs" $1 bash -c "$TRAIN --compile --whole_step no --out /tmp/run_compiled"
            [ -d /tmp/run_compiled ] && tar czf "$OUT/train_compiled.tar.gz" -C /tmp/run_compiled --exclude '*.pth' --exclude '*.pkl' .; }
train_w() { step "s10fast train, full size, the whole step (the default on CUDA since 29 Nov 2026), $E epochs" $1 bash -c "$TRAIN --whole_step yes --out /tmp/run_whole"
            [ -d /tmp/run_whole ] && tar czf "$OUT/train_whole.tar.gz" -C /tmp/run_whole --exclude '*.pth' --exclude '*.pkl' .; }
train_cw() { step "s10fast train --compile --whole_step, full size, $E epochs" $1 bash -c "$TRAIN --compile --whole_step yes --out /tmp/run_compiled_whole"
            [ -d /tmp/run_compiled_whole ] && tar czf "$OUT/train_compiled_whole.tar.gz" -C /tmp/run_compiled_whole --exclude '*.pth' --exclude '*.pkl' .; }
grid()    { local r=${2:-page,course} lr=${3:-auto} i=${4:-s10fast,plain} tag=; [[ $i == *whole_step* ]] && tag=_whole; [[ $i == *compiled* ]] && tag=${tag}_compiled
            step "accuracy grid: $r, implementations $i, $S seeds, peak LR $lr (auto: each recipe's lr_rule)" $1 \
              python3 bench/accuracy.py --data $D --epochs $E --width $W --bs $B --seeds $S --recipes $r --impls $i --lr $lr \
                --out $OUT/accuracy_${lr}_${r/,/_}$tag.json; }
speed_candidates() { bn 40; bench_w 100; bench_wa 100; train_cw 80; bench_cw $BUDGET; }  # part 6, and part 7 after page's grid
case $PART in
  1) bench 150; bench_c 240; train 150; train_c 240;;
  2) grid $BUDGET;;
  all) bench 120; grid 360; train_c 150; bench_c $BUDGET;;
  3) bench_w 90; train_w 70; train_cw 100; grid $BUDGET page steep_floor s10fast,whole_step,plain;;  # steep_floor: lr='auto' until 29 Nov 2026
  4) grid 220 course; grid $BUDGET page 0.4;;
  5) grid 140 page auto; grid 150 course 0.005 s10fast; grid $BUDGET course 0.01 s10fast;;
  6) speed_candidates;;
  7) grid 160 page auto; speed_candidates;;
  *) for s in "$@"; do $s; done;;  # steps named, each with its seconds: gpu_run.sh "train 100" "grid 300 course"
esac
