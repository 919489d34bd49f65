"bench/bench.py runs end to end on both augmentation paths and reports both sides (the numbers themselves are not asserted: machines are noisy)."
import importlib.util, json, subprocess, sys
from pathlib import Path

import pytest, torch
import torch.nn.functional as F

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location('amax_pool', ROOT/'bench/amax_pool.py')
amax_pool = importlib.util.module_from_spec(spec); spec.loader.exec_module(amax_pool)
AmaxPool2d, use_amax_pool = amax_pool.AmaxPool2d, amax_pool.use_amax_pool

def _bench(*args):
    return subprocess.run([sys.executable, str(ROOT/'bench/bench.py'), *map(str, args)], capture_output=True, text=True, timeout=600)

def test_bench_smoke(mini, tmp_path):
    out = tmp_path/'b.json'
    r = _bench('--data', mini, '--width', '0.125', '--bs', '32', '--batches', '2', '--rounds', '1', '--out', out)
    assert r.returncode == 0, r.stderr
    res = json.loads(out.read_text())
    assert len(res['s10fast_img_s']) == len(res['plain_img_s']) == 1 and res['ratio_median'] > 0
    assert (res['settings']['aug'], res['settings']['precision'], res['fit']) == ('item', 'fp32', None)
    assert 'ratio s10fast/plain' in r.stdout
    r = _bench('--data', mini, '--out', out)
    assert r.returncode != 0 and 'already exists' in r.stderr

def test_bench_batch_path_and_fit(mini, tmp_path):
    out = tmp_path/'b.json'
    r = _bench('--data', mini, '--width', '0.125', '--bs', '256', '--batches', '2', '--rounds', '1', '--aug', 'batch', '--repeat', '2',
               '--fit', '1', '--pool', 'amax', '--out', out)
    assert r.returncode == 0, r.stderr
    res = json.loads(out.read_text())
    assert (res['settings']['aug'], res['settings']['train_images']) == ('batch', 2*5*1017)
    assert res['fit']['epochs'] == 1 and res['fit']['seconds'] == res['fit']['train_seconds'] + res['fit']['eval_seconds'] > 0 and res['fit']['final']['epoch'] == 0
    assert 'Run, 1 epochs' in r.stdout
    assert (res['settings']['pool'], res['fit']['pools']) == ('amax', ['AmaxPool2d'])

def test_bench_keeps_what_it_measured(mini, tmp_path, monkeypatch):
    "A fit that fails after the throughput rounds leaves their JSON written, with no fit"
    monkeypatch.syspath_prepend(str(ROOT/'bench'))
    spec = importlib.util.spec_from_file_location('bench_script', ROOT/'bench/bench.py')
    bench = importlib.util.module_from_spec(spec); spec.loader.exec_module(bench)
    out = tmp_path/'b.json'
    monkeypatch.setattr(bench.Run, 'go', lambda self: (_ for _ in ()).throw(KeyboardInterrupt))  # cut off during the fit
    with pytest.raises(KeyboardInterrupt):
        bench.main(['--data', str(mini), '--width', '0.125', '--bs', '32', '--batches', '2', '--rounds', '1', '--fit', '1', '--out', str(out)])
    res = json.loads(out.read_text())
    assert len(res['s10fast_img_s']) == 1 and res['ratio_median'] > 0 and res['fit'] is None and res['profile'] is None

@pytest.mark.parametrize('channels_last', [False, True])
@pytest.mark.parametrize('k', [2, 4])
def test_amax_pool_is_max_pool(k, channels_last):
    "AmaxPool2d's output, and its gradient where each window's maximum is unique, are nn.MaxPool2d's, in both memory formats"
    x = torch.randn(3, 5, 8, 8, dtype=torch.float64)
    if channels_last: x = x.contiguous(memory_format=torch.channels_last)
    a, b, g = x.clone().requires_grad_(), x.clone().requires_grad_(), torch.randn(3, 5, 8//k, 8//k, dtype=torch.float64)
    ya, yb = F.max_pool2d(a, k), AmaxPool2d(k)(b)
    assert torch.equal(ya, yb)
    ya.backward(g); yb.backward(g)
    assert torch.equal(a.grad, b.grad) and b.grad.is_contiguous(memory_format=torch.channels_last) == channels_last

def test_amax_pool_ties_and_swap():
    "Inputs tied for a window's maximum each get its gradient; use_amax_pool swaps every pool of the ResNet"
    x = torch.tensor([[[[1., 3.], [3., 0.]]]], requires_grad=True)
    AmaxPool2d(2)(x).sum().backward()
    assert x.grad.tolist() == [[[[0., 1.], [1., 0.]]]]
    from s10fast import ResNet9
    m = use_amax_pool(ResNet9(width=0.125))
    assert [type(p).__name__ for p in m.modules() if 'Pool' in type(p).__name__] == ['AmaxPool2d']*4

def test_bn_backend_smoke(tmp_path):
    "bench/bn_backend.py times the ResNet's eight BatchNorms in each precision and records which backend ran (the CPU's own; cuDNN refused)"
    out = tmp_path/'bn.json'
    r = subprocess.run([sys.executable, str(ROOT/'bench/bn_backend.py'), '--device', 'cpu', '--width', '0.125', '--bs', '4', '--reps', '2',
                        '--out', out], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    res = json.loads(out.read_text())
    assert [l['shape'] for l in res['layers']] == [[4, 8, 32, 32]] + [[4, 16, 16, 16]]*3 + [[4, 32, 8, 8]] + [[4, 64, 4, 4]]*3
    assert all(l[k]['backend'] == 'Native' and l[k]['ms'] > 0 for l in res['layers'] for k in ('bf16', 'fp16', 'fp32'))
    assert all(l['bf16 cudnn']['ms'] is None and 'cudnn_batch_norm' in l['bf16 cudnn']['error'] for l in res['layers'])
    assert res['per_step_ms']['fp32'] > 0 and res['per_step_ms']['bf16 cudnn'] is None and res['per_step_measure'] == 'wall' and 'per step' in r.stdout

def test_checkpoint_bench_smoke(mini, tmp_path):
    "bench/checkpoint.py fits with and without checkpoints and reports what they cost the loop"
    out = tmp_path/'c.json'
    r = subprocess.run([sys.executable, str(ROOT/'bench/checkpoint.py'), '--data', mini, '--width', '0.125', '--batches', '3', '--epochs', '2',
                        '--rounds', '1', '--out', out], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    res = json.loads(out.read_text())
    assert [len(v) for v in res['runs'].values()] == [1, 1] and res['runs']['none'][0]['batches_per_epoch'] == 3
    assert 0 < res['loop_seconds_per_epoch'] and res['checkpoint_bytes'] > 0
    assert 'waited' in r.stdout

def test_item_cost_smoke(mini):
    "bench/item_cost.py times each stage of the item path and prints one line for each"
    r = subprocess.run([sys.executable, str(ROOT/'bench/item_cost.py'), str(mini)], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.strip().splitlines()
    assert len(lines) == 7 and all(l.endswith(' µs') and float(l.split()[-2]) > 0 for l in lines), r.stdout
    assert lines[0].startswith('epoch, ArrayDL') and lines[1].startswith("epoch, fastai's items")
    assert lines[5].strip().startswith('the same, its own random generator'), r.stdout
