"""Training throughput of s10fast's `Learner` against a plain PyTorch loop, measured in one process.

Both paths train the same model (ResNet9, same initial weights) on the same data with the same batch size,
DataLoader workers and per-item albumentations recipe (the course's: the plain loop is a torch `Dataset`
that applies it, as the course's notebook did), with Adam and cross-entropy. Rounds alternate between the
two so that the machine's drift hits both alike; each timed run starts a fresh iterator, so worker start-up
counts for both. It also times the data pipeline alone, and reports peak memory.

    python bench/bench.py                       # the real subset in ../shared/data/cifar10-mini, CPU
    python bench/bench.py --data DIR --device cuda --bs 512 --workers 8 --batches 50

Prints a table and writes JSON (`--out`, default bench.json; an existing file is refused)."""
import argparse, json, os, platform, resource, statistics, sys, time
from pathlib import Path

import numpy as np
import torch
from torch import nn
from fastai.callback.core import Callback, CancelFitException

from s10fast import load_cifar10, channel_stats, cifar_augs, get_dls, get_learner, ResNet9

class _StopAfter(Callback):
    "End the fit after `n` training batches"
    order = 99
    def __init__(self, n): self.n = n
    def after_batch(self):
        if self.training and self.iter + 1 >= self.n: raise CancelFitException

class _Items(torch.utils.data.Dataset):
    "What the course did: a torch Dataset applying an albumentations pipeline to each image"
    def __init__(self, x, y, aug): self.x, self.y, self.aug = x, y, aug
    def __len__(self): return len(self.x)
    def __getitem__(self, i): return torch.from_numpy(self.aug(image=self.x[i])['image'].transpose(2, 0, 1).copy()), int(self.y[i])

def _sync(device):
    if device.type == 'cuda': torch.cuda.synchronize()

def time_s10fast(learn, n, device):
    "Seconds for `n` training batches through `Learner.fit`"
    _sync(device); t = time.perf_counter()
    with learn.no_bar(), learn.no_logging(): learn.fit(1, 1e-3, cbs=_StopAfter(n))
    _sync(device); return time.perf_counter() - t

def time_plain(model, opt, dl, n, device):
    "Seconds for `n` training batches of a plain PyTorch loop"
    loss_fn = nn.CrossEntropyLoss()
    model.train()
    _sync(device); t = time.perf_counter()
    for i, (x, y) in enumerate(dl):
        x, y = x.to(device, non_blocking=True), y.to(device, non_blocking=True)
        loss = loss_fn(model(x), y)
        loss.backward(); opt.step(); opt.zero_grad()
        if i + 1 >= n: break
    _sync(device); return time.perf_counter() - t

def time_pipeline(dl, n):
    "Seconds to draw `n` augmented batches, no model"
    t = time.perf_counter()
    for i, _ in enumerate(dl):
        if i + 1 >= n: break
    return time.perf_counter() - t

def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--data', default='../shared/data/cifar10-mini/cifar-10-batches-py', help='CIFAR-10 folder (default: the real subset)')
    p.add_argument('--width', type=float, default=1., help='ResNet channel multiplier (1: the full 6.57M-parameter model)')
    p.add_argument('--bs', type=int, default=128, help='batch size')
    p.add_argument('--batches', type=int, default=5, help='training batches per timed run')
    p.add_argument('--rounds', type=int, default=3, help='alternating rounds of both paths')
    p.add_argument('--workers', type=int, default=0, help='DataLoader worker processes, for both paths')
    p.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    p.add_argument('--out', default='bench.json', help='JSON file to write (refused if it exists)')
    a = p.parse_args(argv)
    out = Path(a.out)
    if out.exists(): sys.exit(f"bench: error: {out} already exists; choose another --out")
    device = torch.device(a.device)
    data = load_cifar10(a.data)
    st = channel_stats(data.train_x)
    augs = cifar_augs(st.mean, st.std)  # the course's recipe, for both paths

    torch.manual_seed(0)
    m_fast = ResNet9(width=a.width).to(device)
    m_plain = ResNet9(width=a.width).to(device)
    m_plain.load_state_dict(m_fast.state_dict())
    dls = get_dls(data, bs=a.bs, seed=0, num_workers=a.workers, device=device, augs=augs)
    learn = get_learner(dls, m_fast, recipe='course', path=Path('/tmp'))
    plain_dl = torch.utils.data.DataLoader(_Items(data.train_x, data.train_y, augs[0]), batch_size=a.bs, shuffle=True, drop_last=True,
                                           num_workers=a.workers, pin_memory=device.type == 'cuda')
    opt = torch.optim.Adam(m_plain.parameters(), lr=1e-3, weight_decay=1e-4)

    # warm-up: one batch each (allocations, cuDNN choices)
    time_s10fast(learn, 1, device); time_plain(m_plain, opt, plain_dl, 1, device)
    fast, plain, mem = [], [], {}
    for r in range(a.rounds):
        for name, f in (('s10fast', lambda: time_s10fast(learn, a.batches, device)), ('plain', lambda: time_plain(m_plain, opt, plain_dl, a.batches, device))):
            if device.type == 'cuda': torch.cuda.reset_peak_memory_stats()
            (fast if name == 's10fast' else plain).append(a.batches*a.bs/f())
            if device.type == 'cuda': mem[name] = torch.cuda.max_memory_allocated()/2**20
        print(f"round {r+1}: s10fast {fast[-1]:.1f} img/s, plain {plain[-1]:.1f} img/s, ratio {fast[-1]/plain[-1]:.3f}", flush=True)
    pipe_fast = a.batches*a.bs/time_pipeline(dls.train, a.batches)
    pipe_plain = a.batches*a.bs/time_pipeline(plain_dl, a.batches)
    per = max(a.workers, 1)
    f_med, p_med = statistics.median(fast), statistics.median(plain)
    res = dict(settings=dict(data=str(a.data), width=a.width, bs=a.bs, batches=a.batches, rounds=a.rounds, workers=a.workers,
                             device=str(device), device_name=torch.cuda.get_device_name(device) if device.type == 'cuda' else platform.processor() or platform.machine(),
                             cpus=os.cpu_count(), torch_threads=torch.get_num_threads(), torch=torch.__version__),
               s10fast_img_s=fast, plain_img_s=plain, ratios=[f/p for f, p in zip(fast, plain)],
               ratio_median=statistics.median([f/p for f, p in zip(fast, plain)]),
               s_per_epoch_50k={'s10fast': 50_000/f_med, 'plain': 50_000/p_med},
               projected_24_epochs_s={'s10fast': 24*50_000/f_med, 'plain': 24*50_000/p_med},
               pipeline_img_s_per_worker={'s10fast': pipe_fast/per, 'plain': pipe_plain/per},
               peak_memory_mib={'gpu': mem} if mem else {'process_rss': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024})
    print(f"\n{'':<28}{'s10fast':>12}{'plain loop':>12}")
    print(f"{'train images/s (median)':<28}{f_med:>12.1f}{p_med:>12.1f}")
    print(f"{'ratio s10fast/plain':<28}{res['ratio_median']:>12.3f}")
    print(f"{'s/epoch at 50,000 images':<28}{50_000/f_med:>12.1f}{50_000/p_med:>12.1f}")
    print(f"{'data only, img/s/worker':<28}{pipe_fast/per:>12.1f}{pipe_plain/per:>12.1f}")
    print(f"{'peak memory (MiB)':<28}" + (f"{mem.get('s10fast', 0):>12.1f}{mem.get('plain', 0):>12.1f}" if mem else f"{res['peak_memory_mib']['process_rss']:>12.1f} (process)"))
    out.write_text(json.dumps(res, indent=2) + '\n')
    return res

if __name__ == '__main__': main()
