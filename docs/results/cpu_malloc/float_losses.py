"""`faults.py EPOCHS LOOPS` with s10fast's `LeanRecorder` keeping each step's smoothed loss as a Python float on the CPU
(FLOAT=1), not as a 0-dim tensor (ad hoc, 30 Nov 2026): LR=auto [MALLOPT=1] [FLOAT=1] python float_losses.py 5 s10fast"""
import os, sys, runpy
from pathlib import Path
import torch
from s10fast.speed import LeanRecorder

if os.environ.get('FLOAT'):
    after_batch = LeanRecorder.after_batch
    def float_after_batch(self):
        after_batch(self)
        if self.training and len(self.yb) and isinstance(self.losses[-1], torch.Tensor) and self.losses[-1].device.type == 'cpu':
            self.losses[-1] = self.learn.smooth_loss = self.losses[-1].item()
    LeanRecorder.after_batch = float_after_batch
sys.argv = ['faults.py'] + sys.argv[1:]
runpy.run_path(str(Path(__file__).with_name('faults.py')), run_name='__main__')
