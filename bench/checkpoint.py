"""What writing a checkpoint after every epoch costs a run's training loop: the same fit with and without `EpochCheckpoint`.

`s10fast train` saves everything needed to resume after each epoch (`nbs/03d_checkpoint.ipynb`); `train_seconds` in a run's
`results.json` leaves that out, so this measures it apart. Each round fits the full-width model for the run's epochs and
batches per epoch (98 batches of 512 is an epoch of the 50,000 CIFAR-10 training images; here the batches hold `--bs` images
so that the CPU gets through them), once without checkpoints and once with them, alternating, from the same seed. The
checkpoint holds what a full-size run's holds (the weights, the optimiser's state, one loss per batch so far), so its cost
per epoch is the full-size one; the training between saves is not.

    python bench/checkpoint.py --out checkpoint.json      # CPU, the real subset: 24 epochs of 98 batches of 2 images, 2 rounds

Prints and writes (JSON) each fit's wall seconds, the difference per epoch, the seconds the training loop spent in
`EpochCheckpoint` (its `after_epoch` and `after_fit`, timed from outside) and the checkpoint's size."""
import argparse, json, os, platform, statistics, sys, tempfile, time
from pathlib import Path

import torch
from s10fast import get_dls, get_learner, load_cifar10, ResNet9
from s10fast.checkpoint import EpochCheckpoint

class TimedCheckpoint(EpochCheckpoint):
    "An `EpochCheckpoint` that sums the seconds the training loop spends in it (measured from outside, so it times any version of it)"
    blocked = 0.
    def _timed(self, event):
        t = time.perf_counter()
        getattr(super(), event, lambda: None)()
        self.blocked += time.perf_counter() - t
    def after_epoch(self): self._timed('after_epoch')
    def after_fit(self): self._timed('after_fit')

def fit(data, a, ckpt:Path|None) -> dict:
    "One fit of `a.epochs` epochs, with a `TimedCheckpoint` writing to `ckpt` (None: no checkpoints); its wall seconds"
    dls = get_dls(data, bs=a.bs, limit=a.bs*a.batches, device=a.device, seed=0)
    learn = get_learner(dls, ResNet9(width=a.width))
    cbs = [TimedCheckpoint(ckpt)] if ckpt else []
    with learn.no_bar(), learn.no_logging():
        t = time.perf_counter()
        learn.fit_recipe(a.epochs, 0.01, cbs=cbs)
        if a.device == 'cuda': torch.cuda.synchronize()
        secs = time.perf_counter() - t
    res = {'seconds': secs, 'batches_per_epoch': len(dls.train)}
    if ckpt: res.update(loop_seconds=cbs[0].blocked, checkpoint_bytes=ckpt.stat().st_size)
    return res

def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--data', default='../shared/data/cifar10-mini/cifar-10-batches-py', help='CIFAR-10 folder (default: the real subset)')
    p.add_argument('--width', type=float, default=1., help='ResNet channel multiplier (1: the full model, whose checkpoint is 53 MB)')
    p.add_argument('--bs', type=int, default=2, help='images per batch (the cost of a save does not depend on it)')
    p.add_argument('--batches', type=int, default=98, help='batches per epoch (98: a full-size epoch at batch 512)')
    p.add_argument('--epochs', type=int, default=24)
    p.add_argument('--rounds', type=int, default=2, help='alternating rounds of both fits')
    p.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    p.add_argument('--out', default='checkpoint.json', help='JSON file to write (refused if it exists)')
    a = p.parse_args(argv)
    if Path(a.out).exists(): print(f"checkpoint.py: error: {a.out} already exists; choose a new file", file=sys.stderr); sys.exit(2)
    full = load_cifar10(a.data)
    data = full._replace(test_x=full.test_x[:a.bs], test_y=full.test_y[:a.bs])  # one test batch: the evaluation after each epoch is not what is measured
    runs = {'none': [], 'checkpoint': []}
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(a.rounds):
            for mode in runs:
                res = fit(data, a, Path(tmp)/'checkpoint.pth' if mode == 'checkpoint' else None)
                runs[mode].append(res)
                print(f"round {r}: {mode:<10} {res['seconds']:7.2f} s" + (f", in EpochCheckpoint {res['loop_seconds']:.2f} s" if 'loop_seconds' in res else ''), flush=True)
    mean = {k: statistics.mean(r['seconds'] for r in v) for k, v in runs.items()}
    per_epoch = (mean['checkpoint'] - mean['none'])/a.epochs
    out = {'settings': vars(a), 'machine': f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, torch {torch.__version__}",
           'runs': runs, 'mean_seconds': mean, 'checkpoint_seconds_per_epoch': per_epoch,
           'loop_seconds_per_epoch': statistics.mean(r['loop_seconds'] for r in runs['checkpoint'])/a.epochs, 'checkpoint_bytes': runs['checkpoint'][-1]['checkpoint_bytes']}
    Path(a.out).write_text(json.dumps(out, indent=2) + '\n')
    print(f"{a.epochs} epochs of {runs['none'][0]['batches_per_epoch']} batches: {mean['none']:.2f} s without checkpoints, {mean['checkpoint']:.2f} s with them: "
          f"{per_epoch*1000:.0f} ms an epoch, of which the loop waited {out['loop_seconds_per_epoch']*1000:.0f} ms in EpochCheckpoint "
          f"({out['checkpoint_bytes']/1e6:.1f} MB each); {a.out}")

if __name__ == '__main__': main()
