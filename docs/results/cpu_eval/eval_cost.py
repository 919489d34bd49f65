"""One pass of `learn.validate()` over the 10,000 test images, the adapter normalising the batch in one call (as now) or image by image (as before),
and a plain loop over the same images normalised and channels-last beforehand. `python eval_cost.py DATA` (the JPEG folders or a batch folder)."""
import sys, time, torch
import torch.nn.functional as F
import s10fast.augment as au
from s10fast import get_dls, get_learner, load_cifar10, ResNet9

torch.set_num_threads(2)
dls = get_dls(load_cifar10(sys.argv[1]), seed=0, device='cpu')
learn = get_learner(dls, ResNet9(width=0.25))
xs = torch.cat([b[0] for b in dls.valid]).as_subclass(torch.Tensor).contiguous(memory_format=torch.channels_last)

@torch.no_grad()
def plain(m=learn.model):
    m.eval()
    return torch.cat([F.softmax(m(xs[i:i+1024]).float(), -1) for i in range(0, len(xs), 1024)])

def secs(f):
    t = time.perf_counter(); f(); return time.perf_counter() - t

batched = au._normalizes_only
with learn.no_bar():
    learn.validate()  # warm-up
    for rep in range(2):
        for name, rule in (('batch call', batched), ('image by image', lambda aug: False)):
            au._normalizes_only = rule
            print(f"{name:>14}: making the batches {secs(lambda: [b for b in dls.valid]):.2f} s, learn.validate() {secs(learn.validate):.2f} s")
        au._normalizes_only = batched
        print(f"{'plain loop':>14}: {secs(plain):.2f} s")
