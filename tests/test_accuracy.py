"bench/accuracy.py runs its grid end to end on the CPU at tiny size, and its report draws both figures (the accuracies themselves are not asserted)."
import json, subprocess, sys
from pathlib import Path

from s10fast.recipes import LR_RULES

ROOT = Path(__file__).resolve().parents[1]

def _acc(*args):
    return subprocess.run([sys.executable, str(ROOT/'bench/accuracy.py'), *map(str, args)], capture_output=True, text=True, timeout=900)

def _accuracy_module(monkeypatch):
    "bench/accuracy.py imported, with bench/ on the path for its `from bench import ...`"
    import importlib.util
    monkeypatch.syspath_prepend(str(ROOT/'bench'))
    spec = importlib.util.spec_from_file_location('accuracy', ROOT/'bench/accuracy.py')
    acc = importlib.util.module_from_spec(spec); spec.loader.exec_module(acc)
    return acc

def test_accuracy_grid_smoke(mini, tmp_path):
    out = tmp_path/'acc.json'
    r = _acc('--data', mini, '--recipes', 'course,page', '--seeds', 1, '--epochs', 1, '--width', 0.125, '--bs', 256, '--lr', 0.02, '--out', out)
    assert r.returncode == 0, r.stderr
    res = json.loads(out.read_text())
    runs = res['runs']
    assert [(x['recipe'], x['impl']) for x in runs] == [('course', 's10fast'), ('course', 'plain'), ('page', 's10fast'), ('page', 'plain')]
    assert all(x['lr_max'] == 0.02 and len(x['valid_accuracy_per_epoch']) == 1 and x['train_seconds'] > 0 and x['eval_seconds'] > 0 for x in runs)
    # each epoch's training seconds (the one epoch: all of them) and the page faults during it, for both loops
    assert all(len(x['train_seconds_per_epoch']) == 1 and abs(x['train_seconds_per_epoch'][0]/x['train_seconds'] - 1) < 0.01 for x in runs)
    assert all(isinstance(x['page_faults_per_epoch'][0], int) and x['page_faults_per_epoch'][0] >= 0 for x in runs)
    assert all(len(x['peak_memory_mb_per_epoch']) == 1 and 100 < x['peak_memory_mb_per_epoch'][0] < 64_000 for x in runs)  # the process's peak, MB
    assert [('tta_accuracy' in x) for x in runs] == [False, False, True, True]  # flip TTA where the recipe evaluates with it
    assert res['settings']['train_images'] == 5085 and res['settings']['epochs'] == 1
    assert '| `page` | plain | as s10fast | – | 1 |' in r.stdout
    # the report of saved runs: table and figure; no range test ran, so the LR figure has nothing to show but still draws
    fig = tmp_path/'acc.png'
    r = _acc('report', out, '--fig', fig)
    assert r.returncode == 0, r.stderr
    assert '| `course` | s10fast | 0.02 | – | 1 |' in r.stdout and 'range tests' not in r.stdout  # no LR table without range tests
    from PIL import Image
    with Image.open(fig) as im: assert im.size[0] >= 500 and im.size[1] >= 300
    # never overwrites; bad options are named
    r = _acc('--data', mini, '--out', out)
    assert r.returncode == 2 and 'already exists' in r.stderr
    r = _acc('--data', mini, '--lr', 'fast', '--out', tmp_path/'x.json')
    assert r.returncode == 2 and '--lr fast is invalid' in r.stderr and not (tmp_path/'x.json').exists()

def test_whole_step_repeats_the_s10fast_run(mini, tmp_path):
    "`--impls s10fast,whole_step` trains each seed again through the recorded step at the same peak LR; on the CPU the step is eager, so the runs agree to the last bit"
    out = tmp_path/'whole.json'
    r = _acc('--data', mini, '--recipes', 'page', '--impls', 's10fast,whole_step', '--seeds', 1, '--epochs', 1, '--width', 0.125, '--bs', 256,
             '--lr', 0.02, '--out', out)
    assert r.returncode == 0, r.stderr
    fast, whole = json.loads(out.read_text())['runs']
    assert (fast['impl'], whole['impl'], whole['lr_rule'], whole['lr_max']) == ('s10fast', 'whole_step', 'as s10fast', 0.02)
    assert all(fast[k] == whole[k] for k in ('accuracy', 'tta_accuracy', 'valid_accuracy_per_epoch', 'final_train_loss'))
    assert '| `page` | s10fast, whole step | as s10fast | – | 1 |' in r.stdout
    r = _acc('--data', mini, '--recipes', 'page,course', '--impls', 's10fast,whole_step', '--out', tmp_path/'x.json')
    assert r.returncode == 2 and 'recipe course moves it' in r.stderr and not (tmp_path/'x.json').exists()

def test_report_of_range_tests(tmp_path):
    "The LR table recomputes each suggestion from the recorded curves, as `lr_find` does; the figure draws them"
    import numpy as np, torch
    from s10fast.lr_find import steep_floor, fall_end
    lrs = np.logspace(-7, 1, 200)
    x = np.log10(lrs)
    def run(seed, drop):  # Adam-like: falls over many decades, fastest near 10**drop, lowest at 1e-2
        loss = 3 - 0.25*(x + 7) - 0.3/(1 + np.exp(-(x - drop)*8)) + 3*np.maximum(x + 2, 0)
        return dict(recipe='course', impl='s10fast', seed=seed, lr_rule='steep', lr_max=10**drop, accuracy=0.9, train_seconds=10., eval_seconds=1.,
                    lr_find=dict(seconds=1., lrs=list(lrs), losses=list(loss)))
    res = dict(settings=dict(device_name='test', train_images=50000, test_images=10000, width=1, epochs=24, bs=512),
               runs=[run(0, -5), run(1, -4)])
    (tmp_path/'a.json').write_text(json.dumps(res))
    r = _acc('report', tmp_path/'a.json', '--lr_fig', tmp_path/'lr.png')
    assert r.returncode == 0, r.stderr
    pick = lambda rule: [rule(torch.tensor(lrs[20:-5]), torch.tensor(f['lr_find']['losses'][20:-5]), 200)[0] for f in res['runs']]
    floors, ends = pick(steep_floor), pick(fall_end)
    assert all(abs(f/1e-3 - 1) < 0.1 for f in floors)  # a tenth of the minimum, not the steepest slope far below it
    assert all(abs(e/1e-2 - 1) < 0.25 for e in ends)   # where the loss stops falling: at its minimum
    cell = lambda v: f"{min(v):.3g}–{max(v):.3g} ({max(v)/min(v):.1f}×)"
    assert f"| `course` | 2 | {cell(ends)} | {cell(floors)} |" in r.stdout and r.stdout.strip().endswith('| `steep_floor` |')  # course's auto
    assert '| `course` | s10fast | steep: ' in r.stdout and '| 0 of 2 | 2 |' in r.stdout  # the steep picks are not auto's
    assert (tmp_path/'lr.png').stat().st_size > 10_000
    # a second file: a range test repeated (a run at another rule, on the same seed) counts once; plain runs stay with their own file's LR
    plain = lambda lr: {k: v for k, v in dict(run(0, -5), impl='plain', lr_rule='as s10fast', lr_max=lr, accuracy=0.8).items() if k != 'lr_find'}
    p = [plain(1e-5), plain(1e-2)]
    res['runs'].append(p[0])
    (tmp_path/'a.json').write_text(json.dumps(res))
    again = dict(run(0, -5), lr_rule='minimum', lr_max=1e-3)
    (tmp_path/'b.json').write_text(json.dumps(dict(res, settings=dict(res['settings'], lr='minimum'), runs=[again, p[1]])))
    r = _acc('report', tmp_path/'a.json', tmp_path/'b.json')
    assert r.returncode == 0, r.stderr
    assert f"| `course` | 2 | {cell(ends)} |" in r.stdout  # two range tests, not three
    rows = [l for l in r.stdout.splitlines() if l.startswith('| `course` | plain | as s10fast |')]
    assert len(rows) == 2 and '80.00%' in rows[0] and '80.00%' in rows[1] and ' 1 | 80.00% ' in rows[0]  # one run each, not one group of two

def test_recomputed_suggestions_match_the_recorded_ones(monkeypatch):
    "The report recomputes each suggestion from a recorded curve: on the full-size results it gives what `suggest_lr` returned then"
    acc = _accuracy_module(monkeypatch)
    n = 0
    for fn in sorted((ROOT/'docs/results/h200/full').rglob('accuracy_*.json')):
        for r in json.loads(fn.read_text())['runs']:
            if 'lr_find' not in r: continue
            s = acc.suggestions(r['lr_find'])
            for k in LR_RULES:
                if k in r['lr_find']: assert abs(s[k]/r['lr_find'][k] - 1) < 1e-6, (fn.name, k)
            if r['lr_rule'] in s: assert abs(s[r['lr_rule']]/r['lr_max'] - 1) < 1e-6
            n += 1
    assert n >= 13
    assert sorted(acc.RULES) == sorted(LR_RULES)  # the report's columns (ordered by LR) are the LR finder's suggestions

def test_plain_loop_repeats_a_seed(mini, monkeypatch):
    "The plain loop on the item path gives the same run for the same seed: its albumentations pipeline is seeded too"
    import types, torch
    from s10fast import load_cifar10
    acc = _accuracy_module(monkeypatch)
    cifar, a = load_cifar10(mini).head(256), types.SimpleNamespace(width=0.125, bs=32, epochs=2, workers=0)
    runs = [acc.plain_run(cifar, 'page', 0, 0.1, a, torch.device('cpu'), 'fp32', False, False) for _ in range(2)]
    assert runs[0]['final_train_loss'] == runs[1]['final_train_loss'] and runs[0]['accuracy'] == runs[1]['accuracy']

def test_compiled_repeats_the_s10fast_run(mini, monkeypatch, graphs, tmp_path):
    "`--impls s10fast,compiled` trains each seed again as `s10fast train --compile` does, at the same peak LR: the model compiled for training and evaluation before anything is timed (here by a recording stand-in for inductor)"
    import types, torch
    from s10fast import load_cifar10
    acc = _accuracy_module(monkeypatch)
    a = types.SimpleNamespace(epochs=1, bs=32, width=0.125, workers=0, batch_aug=None, precision=None, channels_last=None)
    rec = acc.s10fast_run(load_cifar10(mini).head(256), 'page', 0, 0.02, a, torch.device('cpu'), impl='compiled')
    assert (rec['impl'], rec['lr_rule'], rec['lr_max'], rec['whole_step']) == ('compiled', 'as s10fast', 0.02, False)  # the CPU's default step: eager
    assert rec['compile_seconds'] > 0 and len(graphs) == 2 and 'tta_accuracy' in rec
    assert acc.NAMES['compiled'] in acc.table([rec])
    r = _acc('--data', mini, '--impls', 'compiled,plain', '--out', tmp_path/'x.json')
    assert r.returncode == 2 and 'use s10fast first' in r.stderr and not (tmp_path/'x.json').exists()

def test_a_grid_cut_short_keeps_its_finished_runs(mini, monkeypatch, tmp_path):
    "The JSON is written after each run: when a later run fails (or a time limit stops it), the runs before it are saved"
    import pytest
    acc = _accuracy_module(monkeypatch)
    def fail(*args, **kwargs): raise KeyboardInterrupt
    monkeypatch.setattr(acc, 'plain_run', fail)
    out = tmp_path/'cut.json'
    with pytest.raises(KeyboardInterrupt):
        acc.run(['--data', str(mini), '--recipes', 'page', '--seeds', '1', '--epochs', '1', '--width', '0.125', '--bs', '256', '--lr', '0.02',
                 '--device', 'cpu', '--out', str(out)])
    assert [(x['recipe'], x['impl']) for x in json.loads(out.read_text())['runs']] == [('page', 's10fast')]
