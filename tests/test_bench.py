"bench/bench.py runs end to end on both augmentation paths and reports both sides (the numbers themselves are not asserted: machines are noisy)."
import json, subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

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
               '--fit', '1', '--out', out)
    assert r.returncode == 0, r.stderr
    res = json.loads(out.read_text())
    assert (res['settings']['aug'], res['settings']['train_images']) == ('batch', 2*5*1017)
    assert res['fit']['epochs'] == 1 and res['fit']['seconds'] == res['fit']['train_seconds'] + res['fit']['eval_seconds'] > 0 and res['fit']['final']['epoch'] == 0
    assert 'Run, 1 epochs' in r.stdout

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
