"Per-epoch training seconds, RSS and subnormal counts over a whole page fit at width 0.25, s10fast then plain (ad hoc)"
import sys, time, json, resource, argparse
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[3]/'bench'))  # bench/accuracy.py
import torch, numpy as np
import accuracy as A
import s10fast.run as R

log = {'s10fast': [], 'plain': []}
cur = ['s10fast']
def stamp(device):
    u = resource.getrusage(resource.RUSAGE_SELF); log[cur[0]].append((time.perf_counter(), u.ru_maxrss, u.ru_minflt, u.ru_utime, u.ru_stime, u.ru_nvcsw, u.ru_nivcsw))
R._sync = stamp; A._sync = stamp
opts = []
_init = torch.optim.SGD.__init__
def init(self, *a, **k): _init(self, *a, **k); opts.append(self)
torch.optim.SGD.__init__ = init

def subnormals(opt):
    tiny = torch.finfo(torch.float32).tiny
    c = {'param': [0, 0], 'grad': [0, 0], 'state': [0, 0]}
    for g in opt.param_groups:
        for p in g['params']:
            for k, t in (('param', p.data), ('grad', p.grad), ('state', opt.state.get(p, {}).get('momentum_buffer'))):
                if t is None: continue
                c[k][0] += int(((t != 0) & (t.abs() < tiny)).sum()); c[k][1] += t.numel()
    return c

p = argparse.ArgumentParser(); p.add_argument('--epochs', type=int, default=24); p.add_argument('--width', type=float, default=0.25)
p.add_argument('--data', default='/tmp/jx'); p.add_argument('--out', default='epochs.json'); p.add_argument('--seed', type=int, default=0)
p.add_argument('--lr', default='auto')
a0 = p.parse_args()
a = argparse.Namespace(epochs=a0.epochs, width=a0.width, bs=512, workers=None, batch_aug=None, precision=None, channels_last=None)
cifar = A.load_cifar10(a0.data) if hasattr(A, 'load_cifar10') else __import__('s10fast').load_cifar10(a0.data)
dev = torch.device('cpu')
out = {}
fast = A.s10fast_run(cifar, 'page', a0.seed, a0.lr if a0.lr in ('auto',) else float(a0.lr), a, dev)
out['s10fast'] = dict(rec={k: v for k, v in fast.items() if k != 'lr_find'}, subnormals=subnormals(opts[-1]), stamps=log['s10fast'])
print('s10fast', fast['train_seconds'], out['s10fast']['subnormals'], flush=True)
cur[0] = 'plain'
pl = A.plain_run(cifar, 'page', a0.seed, fast['lr_max'], a, dev, fast['precision'], fast['channels_last'], fast['aug'] == 'batch')
out['plain'] = dict(rec=pl, subnormals=subnormals(opts[-1]), stamps=log['plain'])
print('plain', pl['train_seconds'], out['plain']['subnormals'], flush=True)
json.dump(out, open(a0.out, 'w'), indent=1)
