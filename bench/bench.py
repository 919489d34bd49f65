"""Training throughput of s10fast's `Learner` against a plain PyTorch loop, measured in one process.

Both paths train the same model (ResNet9, same initial weights) with the same recipe (the default, `page`: Nesterov SGD,
label-smoothed cross-entropy), on the same data, batch size, DataLoader workers, augmentation path and speed switches:

- `--aug item`: the recipe's albumentations pipeline applied to each image on the CPU. The plain loop is a torch `Dataset`
  applying it, with a torch `DataLoader`, as the course's notebook did.
- `--aug batch`: uint8 images gathered whole and augmented on the device (`BatchCifarAug`). The plain loop keeps the images
  on the device and indexes them itself, as single-file trainers such as airbench do.
- `--precision`, `--channels_last`, `--compile`: fastai's `MixedPrecision` and `ChannelsLast` callbacks and `Module.compile`
  for s10fast; `torch.autocast`, `.to(memory_format=...)` and `Module.compile` (fixed shapes, as s10fast's) for the plain loop.
  `--compile reduce-overhead` (or `max-autotune`) compiles both in that mode of torch.compile's, for the throughput rounds
  (`--fit` compiles as `s10fast train --compile` does); reduce-overhead replays forward and backward as CUDA graphs.
- `--whole_step`: each training batch in one call of s10fast's `CapturedStep`, which on CUDA records forward, loss, backward
  and the optimiser's step as one CUDA graph and replays it: through `WholeStep` in s10fast's `Learner`, called directly by the
  plain loop (it is plain torch), so that both sides replay the same graph. s10fast's default for `page` on CUDA; without
  the flag both sides take the eager step.
- On the CPU the plain loop trains within `reuse_freed_memory`, as s10fast's `Learner` does there (`ReuseFreedMemory`):
  freed memory stays in the process for the next step, rather than going back to the OS to be faulted in again.
- `--pool amax`: both models with `AmaxPool2d` (bench/amax_pool.py) in place of `nn.MaxPool2d`, a candidate for the GPU speed
  issue: the same forward pass, a backward pass without indices.

Rounds alternate between the two paths so that the machine's drift hits both alike; each timed run starts a fresh
iterator, so worker start-up counts for both. It also times evaluation (`Learner.validate`, no gradients, validation
batches twice the training size) and the data pipeline alone, and reports peak memory and, on CUDA, GPU utilisation.

    python bench/bench.py                               # the real subset in ../shared/data/cifar10-mini, CPU
    python bench/bench.py --device cuda --bs 512 --batches 40 --repeat 10   # subset tiled to 50,850 images

Prints a table and writes JSON (`--out`, default bench.json; an existing file is refused), again after `--fit` and after
`--profile`: a run cut off during either keeps the parts before it (`fit`, `profile`: null)."""
import argparse, contextlib, json, os, platform, resource, statistics, sys, threading, time, unittest.mock
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from fastai.callback.core import Callback, CancelFitException
from fastai.torch_core import TensorImage

from s10fast import load_cifar10, channel_stats, cifar_augs, get_dls, get_learner, ResNet9
from s10fast.data import Cifar
from s10fast.recipes import get_recipe
from s10fast.batch_aug import BatchCifarAug
from s10fast.run import Run
from s10fast.whole_step import CapturedStep
from s10fast.speed import reuse_freed_memory
from amax_pool import use_amax_pool

class _StopAfter(Callback):
    "End the fit after `n` training batches, counting the images"
    order = 99
    def __init__(self, n): self.n, self.images = n, 0
    def after_batch(self):
        if not self.training: return
        self.images += len(self.yb[0])
        if self.iter + 1 >= self.n: raise CancelFitException

class _Items(torch.utils.data.Dataset):
    "What the course did: a torch Dataset applying an albumentations pipeline to each image"
    def __init__(self, x, y, aug): self.x, self.y, self.aug = x, y, aug
    def __len__(self): return len(self.x)
    def __getitem__(self, i): return torch.from_numpy(self.aug(image=self.x[i])['image'].transpose(2, 0, 1).copy()), int(self.y[i])

class _DeviceBatches:
    "A plain loader for the batch path: uint8 images on the device, shuffled, gathered, augmented and normalised there by `aug` (a `BatchCifarAug`)"
    def __init__(self, data, bs, device, aug):
        self.x = torch.from_numpy(np.ascontiguousarray(data.train_x.transpose(0, 3, 1, 2))).to(device)
        self.y = torch.from_numpy(data.train_y.astype(np.int64)).to(device)
        self.bs, self.aug = bs, aug
        aug.train = True  # what fastai's training DataLoader sets through the split
        for a in aug.parameters: setattr(aug, a, getattr(aug, a).to(device))  # as fastai's `TfmdDL.to` does
    def __len__(self): return len(self.x)//self.bs
    def __iter__(self):
        perm = torch.randperm(len(self.x), device=self.x.device)
        for i in range(len(self)):
            idx = perm[i*self.bs:(i+1)*self.bs]
            yield self.aug.encodes(TensorImage(self.x[idx])).as_subclass(torch.Tensor), self.y[idx]

def _sync(device):
    if device.type == 'cuda': torch.cuda.synchronize()

class _GPUUtil:
    "Mean GPU utilisation (%, from NVML) sampled every 20 ms while the block runs; None off CUDA or without NVML"
    def __init__(self, device): self.device, self.samples = device, []
    def __enter__(self):
        self.stop = threading.Event()
        if self.device.type == 'cuda':
            try: torch.cuda.utilization(self.device)
            except Exception: return self
            def _run():
                while not self.stop.wait(0.02): self.samples.append(torch.cuda.utilization(self.device))
            self.t = threading.Thread(target=_run, daemon=True); self.t.start()
        return self
    def __exit__(self, *a):
        self.stop.set()
        if hasattr(self, 't'): self.t.join()
    @property
    def mean(self): return float(np.mean(self.samples)) if self.samples else None

def time_s10fast(learn, n, device):
    "Images and seconds for up to `n` training batches through `Learner.fit`"
    cb = _StopAfter(n)
    _sync(device); t = time.perf_counter()
    with learn.no_bar(), learn.no_logging(): learn.fit(1, 0.05, cbs=cb)
    _sync(device); return cb.images, time.perf_counter() - t

def time_plain(model, opt, loss_fn, dl, n, device, precision, step=None):
    "Images and seconds for up to `n` training batches of a plain PyTorch loop (each batch one call of `step`, a `CapturedStep`, if given)"
    model.train()
    amp = torch.autocast('cuda', dtype=getattr(torch, {'bf16': 'bfloat16', 'fp16': 'float16'}.get(precision, 'float32')), enabled=precision != 'fp32')
    images = 0
    _sync(device); t = time.perf_counter()
    with reuse_freed_memory() if device.type == 'cpu' else contextlib.nullcontext():  # as s10fast's Learner on the CPU (`ReuseFreedMemory`)
        for i, (x, y) in enumerate(dl):
            x, y = x.to(device, non_blocking=True), y.to(device, non_blocking=True)
            if step is not None: step(x, y)
            else:
                with amp: loss = loss_fn(model(x), y)
                loss.backward(); opt.step(); opt.zero_grad()
            images += len(y)
            if i + 1 >= n: break
    _sync(device); return images, time.perf_counter() - t

def time_eval(learn, device):
    "Images and seconds for one pass of `Learner.validate` over the test split"
    _sync(device); t = time.perf_counter()
    with learn.no_bar(), learn.no_logging(): learn.validate()
    _sync(device); return len(learn.dls.valid_ds), time.perf_counter() - t

def time_pipeline(dl, n):
    "Images and seconds to draw up to `n` augmented batches, no model"
    images, t = 0, time.perf_counter()
    for i, (x, y) in enumerate(dl):
        images += len(y)
        if i + 1 >= n: break
    if x.device.type == 'cuda': torch.cuda.synchronize()
    return images, time.perf_counter() - t

def profile_steps(fn, n, device, fname) -> dict:
    "Run `fn(n)` (`n` training steps) under torch.profiler; write its table of operations to `fname` and return a summary"
    from torch.profiler import profile, ProfilerActivity
    from torch.autograd import DeviceType
    cuda = device.type == 'cuda'
    with profile(activities=[ProfilerActivity.CPU] + ([ProfilerActivity.CUDA] if cuda else [])) as prof: images, secs = fn(n)
    avgs = prof.key_averages()
    kernels = [e for e in prof.events() if getattr(e, 'device_type', None) == DeviceType.CUDA]
    busy = sum(getattr(e, 'self_device_time_total', getattr(e, 'self_cuda_time_total', 0)) for e in avgs)/1e6  # µs of kernels
    Path(fname).write_text(avgs.table(sort_by='self_cuda_time_total' if cuda else 'self_cpu_time_total', row_limit=40))
    return dict(steps=n, images=images, seconds_profiled=secs, ms_per_step=1e3*secs/n, kernels_per_step=len(kernels)/n if cuda else None,
                gpu_busy_ms_per_step=1e3*busy/n if cuda else None, gpu_idle_pct=100*(1 - busy/secs) if cuda else None,
                cpu_ops_per_step=sum(e.count for e in avgs if getattr(e, 'device_type', None) == DeviceType.CPU)/n)

def _switch(v): return {'auto': None, 'yes': True, 'no': False}[v]

def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--data', default='../shared/data/cifar10-mini/cifar-10-batches-py', help='CIFAR-10 folder (default: the real subset)')
    p.add_argument('--repeat', type=int, default=1, help='tile the training images this many times (epochs of full-set length from the subset)')
    p.add_argument('--width', type=float, default=1., help='ResNet channel multiplier (1: the full 6.57M-parameter model)')
    p.add_argument('--bs', type=int, default=128, help='batch size')
    p.add_argument('--batches', type=int, default=5, help='training batches per timed run')
    p.add_argument('--rounds', type=int, default=3, help='alternating rounds of both paths')
    p.add_argument('--workers', type=int, default=None, help="DataLoader worker processes, for both paths (default: s10fast's for the device and --aug)")
    p.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    p.add_argument('--aug', choices=('auto', 'item', 'batch'), default='auto', help='augment items on the CPU or batches on the device (auto: batch on CUDA)')
    p.add_argument('--precision', choices=('auto', 'fp32', 'bf16', 'fp16'), default='auto', help='auto: bf16 on CUDA, fp32 on the CPU')
    p.add_argument('--channels_last', choices=('auto', 'yes', 'no'), default='auto', help='auto: yes on CUDA and the CPU')
    p.add_argument('--compile', nargs='?', const='default', default=None, choices=('default', 'reduce-overhead', 'max-autotune'),
                   help="torch.compile the model (both paths), in this mode of torch.compile's (reduce-overhead: forward and backward replayed as CUDA graphs)")
    p.add_argument('--whole_step', action='store_true', help="each training batch in one call, recorded as one CUDA graph on CUDA (both paths)")
    p.add_argument('--pool', choices=('max', 'amax'), default='max', help="the models' pooling: nn.MaxPool2d, or AmaxPool2d (bench/amax_pool.py) on both sides")
    p.add_argument('--fit', type=int, default=0, help="then time a whole fit_recipe of this many epochs through s10fast (0: don't)")
    p.add_argument('--profile', default=None, help='folder: profile 20 training steps of each side with torch.profiler, write its tables there')
    p.add_argument('--out', default='bench.json', help='JSON file to write (refused if it exists)')
    a = p.parse_args(argv)
    out = Path(a.out)
    if out.exists(): sys.exit(f"bench: error: {out} already exists; choose another --out")
    if a.repeat < 1: sys.exit(f"bench: error: --repeat {a.repeat} is invalid: use 1 or more")
    device = torch.device(a.device)
    cuda = device.type == 'cuda'
    data = load_cifar10(a.data)
    if a.repeat > 1: data = Cifar(np.concatenate([data.train_x]*a.repeat), np.concatenate([data.train_y]*a.repeat), data.test_x, data.test_y, data.classes)
    st, r = channel_stats(data.train_x), get_recipe('page')
    batch_aug = cuda if a.aug == 'auto' else a.aug == 'batch'

    resnet = (lambda **kw: use_amax_pool(ResNet9(**kw))) if a.pool == 'amax' else ResNet9  # both sides' model, and Run's in --fit
    torch.manual_seed(0)
    m_fast = resnet(width=a.width).to(device)
    m_plain = resnet(width=a.width).to(device)
    m_plain.load_state_dict(m_fast.state_dict())
    dls = get_dls(data, bs=a.bs, seed=0, num_workers=a.workers, device=device, recipe=r, batch_aug=batch_aug)
    workers = dls.settings['num_workers']
    learn = get_learner(dls, m_fast, recipe=r, path=Path('/tmp'), precision=None if a.precision == 'auto' else a.precision,
                        channels_last=_switch(a.channels_last), compile=a.compile is not None, whole_step=a.whole_step)
    mode = {} if a.compile in (None, 'default') else {'mode': a.compile}
    if mode: learn.model.compile(dynamic=False, **mode)  # get_learner's compilation, again in this mode
    precision, channels_last = learn.settings['precision'], learn.settings['channels_last']
    if channels_last: m_plain.to(memory_format=torch.channels_last)
    if a.compile: m_plain.compile(dynamic=False, **mode)  # as `get_learner(compile=True)`
    if batch_aug:
        plain_dl = _DeviceBatches(data, a.bs, device, BatchCifarAug(st.mean, st.std, cutout=r.cutout, cutout_p=r.cutout_p))
    else:
        augs = cifar_augs(st.mean, st.std, cutout=r.cutout, cutout_p=r.cutout_p)
        plain_dl = torch.utils.data.DataLoader(_Items(data.train_x, data.train_y, augs[0]), batch_size=a.bs, shuffle=True, drop_last=True,
                                               num_workers=workers, pin_memory=cuda)
    opt = torch.optim.SGD(m_plain.parameters(), lr=0.05, momentum=0.9, nesterov=True, weight_decay=r.wd, fused=True)  # as `get_learner`
    loss_fn = lambda out, y: F.cross_entropy(out*r.logit_scale, y, label_smoothing=r.label_smoothing)  # the recipe's loss, as get_learner's
    step = CapturedStep(m_plain, loss_fn, opt, {'bf16': torch.bfloat16}.get(precision)) if a.whole_step else None

    # warm-up: two batches each (allocations, cuDNN's algorithm search, compilation)
    time_s10fast(learn, 2, device); time_plain(m_plain, opt, loss_fn, plain_dl, 2, device, precision, step)
    fast, plain, util, mem = [], [], {'s10fast': [], 'plain': []}, {}
    for rnd in range(a.rounds):
        for name, f in (('s10fast', lambda: time_s10fast(learn, a.batches, device)),
                        ('plain', lambda: time_plain(m_plain, opt, loss_fn, plain_dl, a.batches, device, precision, step))):
            if cuda: torch.cuda.reset_peak_memory_stats()
            with _GPUUtil(device) as u: n, secs = f()
            (fast if name == 's10fast' else plain).append(n/secs)
            util[name].append(u.mean)
            if cuda: mem[name] = torch.cuda.max_memory_allocated()/2**20
        print(f"round {rnd+1}: s10fast {fast[-1]:.1f} img/s, plain {plain[-1]:.1f} img/s, ratio {fast[-1]/plain[-1]:.3f}", flush=True)
    time_eval(learn, device)  # warm-up: the validation shapes
    ev = [np.divide(*time_eval(learn, device)) for _ in range(a.rounds)]
    pipe_fast = np.divide(*time_pipeline(dls.train, a.batches))
    pipe_plain = np.divide(*time_pipeline(plain_dl, a.batches))
    per = max(workers, 1)
    f_med, p_med, e_med = statistics.median(fast), statistics.median(plain), statistics.median(ev)
    n_train, n_test = 50_000, 10_000
    epoch = {'s10fast': n_train/f_med + n_test/e_med, 'plain': n_train/p_med + n_test/e_med}
    u_med = {k: statistics.median(v) if all(x is not None for x in v) else None for k, v in util.items()}
    res = dict(settings=dict(data=str(a.data), train_images=len(data.train_x), width=a.width, bs=a.bs, batches=a.batches, rounds=a.rounds,
                             workers=workers, aug='batch' if batch_aug else 'item', precision=precision, channels_last=channels_last,
                             compile=a.compile, whole_step=a.whole_step, pool=a.pool, device=str(device),
                             device_name=torch.cuda.get_device_name(device) if cuda else platform.processor() or platform.machine(),
                             cpus=os.cpu_count(), torch_threads=torch.get_num_threads(), torch=torch.__version__),
               s10fast_img_s=fast, plain_img_s=plain, ratios=[f/p for f, p in zip(fast, plain)],
               ratio_median=statistics.median([f/p for f, p in zip(fast, plain)]),
               eval_img_s=ev,
               s_per_epoch_50k={'s10fast': epoch['s10fast'], 'plain': epoch['plain']},
               projected_24_epochs_s={k: 24*v for k, v in epoch.items()},
               pipeline_img_s_per_worker={'s10fast': pipe_fast/per, 'plain': pipe_plain/per},
               gpu_util_pct=u_med if cuda else None, fit=None, profile=None,
               peak_memory_mib={'gpu': mem} if mem else {'process_rss': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024})
    save = lambda: out.write_text(json.dumps(res, indent=2) + '\n')  # after each part, so that a part cut off keeps the ones before it
    save()
    s = res['settings']
    print(f"\n{s['device_name']}, width {a.width}, bs {a.bs}, {workers} workers, aug {s['aug']}, {precision}, "
          f"channels_last {channels_last}, compile {a.compile}, whole_step {a.whole_step}, pool {a.pool}")
    print(f"{'':<34}{'s10fast':>12}{'plain loop':>12}")
    print(f"{'train images/s (median)':<34}{f_med:>12.1f}{p_med:>12.1f}")
    print(f"{'ratio s10fast/plain':<34}{res['ratio_median']:>12.3f}")
    print(f"{'eval images/s (Learner.validate)':<34}{e_med:>12.1f}")
    print(f"{'s/epoch: 50,000 train + 10,000 eval':<34}{epoch['s10fast']:>12.2f}{epoch['plain']:>12.2f}")
    print(f"{'projected 24 epochs (s)':<34}{24*epoch['s10fast']:>12.1f}{24*epoch['plain']:>12.1f}")
    print(f"{'data only, img/s/worker':<34}{pipe_fast/per:>12.1f}{pipe_plain/per:>12.1f}")
    if cuda: print(f"{'GPU utilisation % (median)':<34}" + ''.join(f"{u_med[k]:>12.1f}" if u_med[k] is not None else f"{'n/a':>12}" for k in ('s10fast', 'plain')))
    print(f"{'peak memory (MiB)':<34}" + (f"{mem.get('s10fast', 0):>12.1f}{mem.get('plain', 0):>12.1f}" if mem else f"{res['peak_memory_mib']['process_rss']:>12.1f} (process)"))
    if a.fit:
        print(f"Run: {a.fit} epochs of {len(data.train_x):,} images at peak LR 0.4, evaluating {len(data.test_x):,} after each", flush=True)
        run = Run(data=data, epochs=a.fit, bs=a.bs, lr=0.4, width=a.width, workers=a.workers, device=device, batch_aug=batch_aug,
                  precision=precision, channels_last=channels_last, compile=a.compile is not None, whole_step=a.whole_step, quiet=True)
        with unittest.mock.patch('s10fast.run.ResNet9', resnet):
            rr = run.go()
        res['fit'] = fit = dict(epochs=a.fit, seconds=rr['train_seconds'] + rr['eval_seconds'], train_seconds=rr['train_seconds'],
                                eval_seconds=rr['eval_seconds'], compile_seconds=rr.get('compile_seconds'), capture_seconds=rr.get('capture_seconds'),
                                train_images=len(data.train_x), test_images=len(data.test_x), final=run.learn.recorder.history()[-1],
                                tta_accuracy=rr.get('tta_accuracy'), pools=sorted({type(m).__name__ for m in run.learn.model.modules() if 'Pool' in type(m).__name__}))
        save()
        print(f"{'Run, %d epochs (s, measured)' % a.fit:<34}{fit['seconds']:>12.1f}")
        if fit['compile_seconds'] is not None: print(f"{'  compiling first (s, apart)':<34}{fit['compile_seconds']:>12.1f}")
        if fit['capture_seconds'] is not None: print(f"{'  recording the step (s, within)':<34}{fit['capture_seconds']:>12.1f}")
    if a.profile:
        Path(a.profile).mkdir(parents=True, exist_ok=True)
        res['profile'] = prof = {name: profile_steps(f, 20, device, Path(a.profile)/f'{name}.txt') for name, f in
                                 (('s10fast', lambda n: time_s10fast(learn, n, device)), ('plain', lambda n: time_plain(m_plain, opt, loss_fn, plain_dl, n, device, precision, step)))}
        save()
        for k in ('ms_per_step', 'kernels_per_step', 'gpu_busy_ms_per_step', 'gpu_idle_pct', 'cpu_ops_per_step'):
            print(f"{'profiled: ' + k:<34}" + ''.join(f"{prof[n][k]:>12.1f}" if prof[n][k] is not None else f"{'n/a':>12}" for n in ('s10fast', 'plain')))
    return res

if __name__ == '__main__': main()
