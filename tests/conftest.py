import os
from pathlib import Path
import pytest

MINI = Path(os.environ.get('S10FAST_MINI', Path(__file__).resolve().parents[2]/'shared/data/cifar10-mini/cifar-10-batches-py'))

@pytest.fixture
def mini():
    "The real CIFAR-10 subset (5 × 1,017 training and 1,017 test images); skips when absent"
    if not (MINI/'batches.meta').exists():
        pytest.skip(f"real CIFAR-10 subset not found at {MINI} (set S10FAST_MINI to its cifar-10-batches-py folder)")
    return MINI

@pytest.fixture
def cli(capsys, monkeypatch, tmp_path):
    "Run `s10fast ARGS` through `main` in this process, from `tmp_path`: its exit status, stdout and stderr (for the quick failures: a subprocess pays ~13 s of imports)"
    import signal
    from s10fast.cli import main
    monkeypatch.chdir(tmp_path)
    def _run(*args):
        handler = signal.getsignal(signal.SIGTERM)
        try:
            main(list(map(str, args)))
            code = 0
        except SystemExit as e: code = e.code
        finally: signal.signal(signal.SIGTERM, handler)
        out = capsys.readouterr()
        return code, out.out, out.err
    return _run

@pytest.fixture
def graphs(monkeypatch):
    "The input shapes of each graph `Module.compile` compiles, through a recording stand-in for inductor"
    import torch
    seen = []
    def record(gm, example_inputs):
        seen.append([tuple(t.shape) for t in example_inputs if isinstance(t, torch.Tensor) and t.shape[1:] == (3, 32, 32)])
        return gm.forward
    compile_ = torch.nn.Module.compile
    monkeypatch.setattr(torch.nn.Module, 'compile', lambda self, **kw: compile_(self, **{**kw, 'backend': record}))
    torch._dynamo.reset()
    yield seen
    torch._dynamo.reset()
