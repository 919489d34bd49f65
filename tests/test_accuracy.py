"bench/accuracy.py runs its grid end to end on the CPU at tiny size, and its report draws both figures (the accuracies themselves are not asserted)."
import json, subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

def _acc(*args):
    return subprocess.run([sys.executable, str(ROOT/'bench/accuracy.py'), *map(str, args)], capture_output=True, text=True, timeout=900)

def test_accuracy_grid_smoke(mini, tmp_path):
    out = tmp_path/'acc.json'
    r = _acc('--data', mini, '--recipes', 'course,page', '--seeds', 1, '--epochs', 1, '--width', 0.125, '--bs', 256, '--lr', 0.02, '--out', out)
    assert r.returncode == 0, r.stderr
    res = json.loads(out.read_text())
    runs = res['runs']
    assert [(x['recipe'], x['impl']) for x in runs] == [('course', 's10fast'), ('course', 'plain'), ('page', 's10fast'), ('page', 'plain')]
    assert all(x['lr_max'] == 0.02 and len(x['valid_accuracy_per_epoch']) == 1 and x['train_seconds'] > 0 and x['eval_seconds'] > 0 for x in runs)
    assert [('tta_accuracy' in x) for x in runs] == [False, False, True, True]  # flip TTA where the recipe evaluates with it
    assert res['settings']['train_images'] == 5085 and res['settings']['epochs'] == 1
    assert '| `page` | plain | as s10fast | 1 |' in r.stdout
    # the report of saved runs: table and figure; no range test ran, so the LR figure has nothing to show but still draws
    fig = tmp_path/'acc.png'
    r = _acc('report', out, '--fig', fig)
    assert r.returncode == 0, r.stderr
    assert '| `course` | s10fast | 0.02 | 1 |' in r.stdout
    from PIL import Image
    with Image.open(fig) as im: assert im.size[0] >= 500 and im.size[1] >= 300
    # never overwrites; bad options are named
    r = _acc('--data', mini, '--out', out)
    assert r.returncode == 2 and 'already exists' in r.stderr
    r = _acc('--data', mini, '--lr', 'fast', '--out', tmp_path/'x.json')
    assert r.returncode == 2 and '--lr fast is invalid' in r.stderr and not (tmp_path/'x.json').exists()

def test_report_of_range_tests(tmp_path):
    "The LR table and figure from runs that recorded range tests"
    import numpy as np
    lrs = np.logspace(-7, 1, 200)
    def run(recipe, seed, steep):
        loss = list(2.3 - np.clip(np.log10(lrs) + 3, 0, 2)/2)
        return dict(recipe=recipe, impl='s10fast', seed=seed, lr_rule='steep', lr_max=steep, accuracy=0.9, train_seconds=10., eval_seconds=1.,
                    lr_find=dict(steep=steep, valley=steep/10, steep_window=0.2, seconds=1., lrs=list(lrs), losses=loss))
    res = dict(settings=dict(device_name='test', train_images=50000, test_images=10000, width=1, epochs=24, bs=512),
               runs=[run('page', 0, 0.1), run('page', 1, 0.4)])
    (tmp_path/'a.json').write_text(json.dumps(res))
    r = _acc('report', tmp_path/'a.json', '--lr_fig', tmp_path/'lr.png')
    assert r.returncode == 0, r.stderr
    assert '| `page` | 2 | 0.1–0.4 (4.0×) | 0.2–0.2 (1.0×) | 0.01–0.04 (4.0×) |' in r.stdout
    assert (tmp_path/'lr.png').stat().st_size > 10_000
