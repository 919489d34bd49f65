"bench/bench.py runs end to end and reports both paths (the numbers themselves are not asserted: machines are noisy)."
import json, subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

def test_bench_smoke(mini, tmp_path):
    out = tmp_path/'b.json'
    r = subprocess.run([sys.executable, str(ROOT/'bench/bench.py'), '--data', str(mini), '--width', '0.125', '--bs', '32',
                        '--batches', '2', '--rounds', '1', '--out', str(out)], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    res = json.loads(out.read_text())
    assert len(res['s10fast_img_s']) == len(res['plain_img_s']) == 1 and res['ratio_median'] > 0
    assert 'ratio s10fast/plain' in r.stdout
    r = subprocess.run([sys.executable, str(ROOT/'bench/bench.py'), '--data', str(mini), '--out', str(out)], capture_output=True, text=True)
    assert r.returncode != 0 and 'already exists' in r.stderr
