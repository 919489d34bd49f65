"""Within a run's fit, nothing is read back from the device but the progress bar's loss, at most twice a second.

On a GPU each read of a tensor's value makes the CPU wait for the GPU to finish all it was given, which `nbs/03e_speed.ipynb`
removes from every batch. On the CPU nothing waits, so this counts the reads themselves: each `item`, `bool`, `float`, `int`,
`tolist`, `numpy` and `cpu` of a tensor during a training or validation batch of the fit (not the LR finder's, not the
compiling before it, nor the evaluation after it). The run takes the GPU's default path: batches augmented on the device,
`StopOnDivergence` lazy (it checks each training loss at once on the CPU, once an epoch on a GPU), and `LeanRecorder` keeping
each smoothed loss as a tensor (it keeps floats on the CPU, where reading costs nothing). It is compiled, through the
stand-in compiler of `conftest.graphs`, since compiling goes through `warm_up`, which once put fastai's own progress bar back:
that one reads the loss after every batch."""
import sys
import pytest
import torch
from fastai.callback.core import Callback
import s10fast.run
from s10fast.run import Run, EpochTable
from s10fast.speed import Progress

READS = ('item', '__bool__', '__float__', '__int__', 'tolist', 'numpy', 'cpu')

@pytest.fixture
def reads(monkeypatch):
    "Where a tensor's value was read while `state['on']`: the innermost frame outside torch, except `Progress.after_batch`'s"
    state, seen = {'on': False}, []
    allowed = Progress.after_batch.__code__
    def counting(name, orig):
        def read(self, *args, **kwargs):
            if state['on']:
                f = sys._getframe(1)
                frames = []
                while f is not None: frames.append(f); f = f.f_back
                if not any(fr.f_code is allowed for fr in frames):
                    seen.append(next(f"{name} in {fr.f_code.co_qualname} ({fr.f_code.co_filename.split('/')[-1]}:{fr.f_lineno})"
                                     for fr in frames if '/torch/' not in fr.f_code.co_filename))
            return orig(self, *args, **kwargs)
        return read
    for name in READS: monkeypatch.setattr(torch.Tensor, name, counting(name, getattr(torch.Tensor, name)))
    return state, seen

class _On(Callback):
    order = -1000
    def __init__(self, run, state): self.owner, self.state = run, state  # (`run` is a Callback's on-switch)
    def before_batch(self): self.state['on'] = self.owner.phase == 'fit'  # not warm_up's batches (compiling), nor the LR finder's
class _Off(Callback):
    order = 1000
    def __init__(self, state): self.state = state
    def after_batch(self): self.state['on'] = False
    def after_cancel_batch(self): self.state['on'] = False

@pytest.mark.parametrize('whole_step', [False, True])
@pytest.mark.parametrize('terminal', [True, False])  # the progress bars (`Progress`), or the epoch table alone (`EpochTable`)
def test_a_fit_reads_nothing_back_within_its_batches(mini, tmp_path, graphs, reads, monkeypatch, whole_step, terminal):
    state, seen = reads
    monkeypatch.setattr(s10fast.run, '_on_terminal', lambda: terminal)
    setup, bar = Run.setup, []
    def probed(self):
        setup(self)
        self.learn.stop_on_divergence.lazy, self.learn.recorder.floats = True, False  # as on a GPU
        self.learn.add_cbs([_On(self, state), _Off(state)])
        bar.append(self.learn.progress)
        return self
    monkeypatch.setattr(Run, 'setup', probed)
    run = Run(tmp_path/'run', data=mini, epochs=2, width=0.125, limit=256, bs=32, lr=0.01, compile=True, whole_step=whole_step,
              batch_aug=True)  # the GPU's default path
    res = run.go()
    assert graphs and res['compile_seconds'] > 0  # it compiled, so warm_up ran
    assert seen == [], seen
    assert run.learn.progress is bar[-1] and type(bar[-1]) is (Progress if terminal else EpochTable)
