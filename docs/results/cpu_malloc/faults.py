"Per-epoch training seconds and minor page faults of a short page fit at width 0.25, s10fast then plain (ad hoc)"
import sys, os, time, resource, argparse
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[3]/'bench'))  # bench/accuracy.py
import torch
import accuracy as A
import s10fast.run as R
log = []
def stamp(device):
    u = resource.getrusage(resource.RUSAGE_SELF); log.append((time.perf_counter(), u.ru_minflt, u.ru_stime, u.ru_maxrss))
R._sync = stamp; A._sync = stamp
from s10fast import load_cifar10
import ctypes, os
if os.environ.get('MALLOPT'):
    libc = ctypes.CDLL('libc.so.6')
    print('mallopt', libc.mallopt(-4, 0), libc.mallopt(-1, 2**31-1), flush=True)
epochs, which = int(sys.argv[1]), sys.argv[2].split(',')
a = argparse.Namespace(epochs=epochs, width=0.25, bs=512, workers=None, batch_aug=None, precision=None, channels_last=None)
cifar = load_cifar10(os.environ.get('DATA', '/tmp/jx'))  # the extracted JPEG copy
def show(name, tr):
    print(name, 'train s', [round(b[0]-a_[0],1) for a_,b in tr], 'faults k', [round((b[1]-a_[1])/1e3) for a_,b in tr], 'stime', [round(b[2]-a_[2],1) for a_,b in tr], 'maxrss MB at epoch end', [b[3]//1000 for a_,b in tr], flush=True)
for w in which:
    log.clear()
    if w == 's10fast':
        A.s10fast_run(cifar, 'page', 0, os.environ.get('LR', 0.575), a, torch.device('cpu')); show(w, [(log[i], log[i+1]) for i in range(0, len(log), 4)])
    else:
        A.plain_run(cifar, 'page', 0, 0.575, a, torch.device('cpu'), 'fp32', True, False); show(w, [(log[i], log[i+1]) for i in range(0, len(log)-1, 2)])
