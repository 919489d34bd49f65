"""Which BatchNorm kernels PyTorch runs on the ResNet's activations in each precision, and what forward and backward cost.

On an H200 the whole step's profile (docs/results/h200/profile_whole_step) spent 22% of its GPU time in BatchNorm, all in
PyTorch's own channels-last kernels (`batch_norm_collect_statistics_channels_last` and others), with bf16 activations and
fp32 weights, as autocast runs it. PyTorch may send other precisions to cuDNN instead; this script asks it
(`torch._C._select_batch_norm_backend`) and times each way on the shapes the model's eight BatchNorms see:

- `bf16`, `fp16`: activations in that type, weights in fp32 (autocast's BatchNorm), through `nn.BatchNorm2d`;
- `fp32`: all in fp32;
- `bf16 cudnn`: bf16 activations sent to cuDNN directly (`torch.ops.aten.cudnn_batch_norm` and its backward), which a
  BatchNorm module of our own could do if cuDNN takes bf16; where it refuses, the error is recorded.

fp16 is not a switch away: training in it needs a loss scaler, whose check for infinities syncs with the host.

    python bench/bn_backend.py --device cuda --out bn.json     # full width, batch 512: the benchmark's shapes

Prints the milliseconds of forward + backward per step (all eight BatchNorms): on CUDA the GPU kernels' time from the profiler,
which the whole step replays as one graph (wall times, with the host's launch gaps, are in the JSON too); on the CPU wall time.
Writes JSON (an existing file is refused)."""
import argparse, json, statistics, sys, time
from pathlib import Path

import torch
from torch import nn

from s10fast.model import ResNet9

def bn_shapes(width:float, bs:int) -> list:
    "Input shapes `(bs, C, H, W)` of the ResNet's BatchNorms, in order"
    m, shapes = ResNet9(width=width), []
    for bn in (b for b in m.modules() if isinstance(b, nn.BatchNorm2d)):
        bn.register_forward_hook(lambda mod, inp, out: shapes.append((bs, *inp[0].shape[1:])))
    with torch.no_grad(): m.eval()(torch.zeros(1, 3, 32, 32))
    return shapes

def _time(fn, device, reps:int) -> dict:
    "Median wall ms of `fn()` over `reps` calls after 3 to warm up; on CUDA also its GPU kernels' ms (profiled: no launch gaps) and names"
    from torch.profiler import profile, ProfilerActivity
    from torch.autograd import DeviceType
    for _ in range(3): fn()
    ts = []
    for _ in range(reps):
        if device.type == 'cuda': torch.cuda.synchronize(device)
        t = time.perf_counter(); fn()
        if device.type == 'cuda': torch.cuda.synchronize(device)
        ts.append(1e3*(time.perf_counter() - t))
    res = dict(ms=statistics.median(ts), kernel_ms=None, kernels=[])
    if device.type == 'cuda':
        with profile(activities=[ProfilerActivity.CUDA]) as prof:
            for _ in range(reps): fn()
            torch.cuda.synchronize(device)
        ks = [e for e in prof.events() if getattr(e, 'device_type', None) == DeviceType.CUDA]
        us = sum(getattr(e, 'self_device_time_total', getattr(e, 'self_cuda_time_total', 0)) for e in prof.key_averages())
        res.update(kernel_ms=us/1e3/reps, kernels=sorted({e.name[:100] for e in ks}))
    return res

def time_bn(shape, dtype, device, reps:int, cudnn:bool=False) -> dict:
    "Backend and median ms of one training BatchNorm's forward and backward on channels-last `dtype` activations of `shape`"
    torch.manual_seed(0)
    x = torch.randn(shape, device=device, dtype=dtype).contiguous(memory_format=torch.channels_last).requires_grad_()
    g = torch.randn_like(x)
    bn = nn.BatchNorm2d(shape[1]).to(device)
    w, b, rm, rv = bn.weight, bn.bias, bn.running_mean, bn.running_var
    try: backend = str(torch._C._select_batch_norm_backend(x, w, b, rm, rv, True, bn.eps)).split('.')[-1]
    except (AttributeError, RuntimeError, TypeError) as e: backend = f'unknown ({type(e).__name__})'  # a torch without this private function
    if not cudnn: return dict(backend=backend, **_time(lambda: torch.autograd.grad(bn(x), (x, w, b), g), device, reps))
    wd, bd = w.detach(), b.detach()
    def step():
        y, mean, invstd, reserve = torch.ops.aten.cudnn_batch_norm(x.detach(), wd, bd, rm, rv, True, bn.momentum, bn.eps)
        return torch.ops.aten.cudnn_batch_norm_backward(x.detach(), g, wd, rm, rv, mean, invstd, bn.eps, reserve)
    try: return dict(backend='Cudnn, called', **_time(step, device, reps))
    except (RuntimeError, NotImplementedError) as e: return dict(backend=None, ms=None, kernel_ms=None, kernels=[], error=str(e).split('\n')[0][:200])

VARIANTS = {'bf16': (torch.bfloat16, False), 'fp16': (torch.float16, False), 'fp32': (torch.float32, False), 'bf16 cudnn': (torch.bfloat16, True)}

def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--width', type=float, default=1., help='ResNet channel multiplier (1: full width)')
    p.add_argument('--bs', type=int, default=512, help='batch size')
    p.add_argument('--reps', type=int, default=20, help='timed calls per BatchNorm and variant')
    p.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    p.add_argument('--out', default='bn_backend.json', help='JSON file to write (refused if it exists)')
    a = p.parse_args(argv)
    out = Path(a.out)
    if out.exists(): sys.exit(f"bn_backend: error: {out} already exists; choose another --out")
    device = torch.device(a.device)
    shapes = bn_shapes(a.width, a.bs)
    layers = [{'shape': list(s), **{k: time_bn(s, dt, device, a.reps, cudnn) for k, (dt, cudnn) in VARIANTS.items()}} for s in shapes]
    key = 'kernel_ms' if device.type == 'cuda' else 'ms'  # on CUDA the kernels' time: the whole step replays them as one graph
    per_step = {k: (sum(l[k][key] for l in layers) if all(l[k][key] is not None for l in layers) else None) for k in VARIANTS}
    res = dict(settings=dict(width=a.width, bs=a.bs, reps=a.reps, device=str(device), torch=torch.__version__,
                             device_name=torch.cuda.get_device_name(device) if device.type == 'cuda' else 'cpu',
                             cudnn=torch.backends.cudnn.version() if device.type == 'cuda' else None),
               layers=layers, per_step_ms=per_step, per_step_measure='GPU kernels' if key == 'kernel_ms' else 'wall')
    out.write_text(json.dumps(res, indent=2) + '\n')
    print(f"{res['settings']['device_name']}, width {a.width}, batch {a.bs}: forward + backward of the {len(layers)} BatchNorms, "
          f"ms of {res['per_step_measure']} per call")
    print(f"{'shape':<22}" + ''.join(f"{k:>24}" for k in VARIANTS))
    cell = lambda r: f"{r[key]:.3f} {r['backend']}" if r[key] is not None else 'refused'
    for l in layers: print(f"{str(tuple(l['shape'])):<22}" + ''.join(f"{cell(l[k]):>24}" for k in VARIANTS))
    print(f"{'per step':<22}" + ''.join(f"{v:>24.3f}" if v is not None else f"{'n/a':>24}" for v in per_step.values()))
    for k in VARIANTS:
        errs = {l[k].get('error') for l in layers} - {None}
        if errs: print(f"{k}: {errs.pop()}")
    return res

if __name__ == '__main__': main()
