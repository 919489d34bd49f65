"`s10fast train` as a user runs it: a subprocess, a run folder, clear errors (the quick failures through `main` in-process: the `cli` fixture)."
import json, os, re, subprocess, sys
from pathlib import Path
import numpy as np
import pytest

def s10fast(*args, cwd=None, env=None):
    return subprocess.run([sys.executable, '-c', 'from s10fast.cli import main; main()', *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, timeout=600, env=None if env is None else {**os.environ, **env})

def test_help_lists_every_option():
    r = s10fast('train', '--help')
    assert r.returncode == 0
    for opt in ('--data', '--epochs', '--bs', '--lr', '--out', '--seed', '--limit', '--width', '--workers', '--device', '--recipe', '--resume'):
        assert opt in r.stdout
    assert 'steepest-slope' in re.sub(r'-\s+', '-', r.stdout)  # argparse wraps the help, after a hyphen too

def test_the_package_loads_its_names_on_first_use():
    "`import s10fast` leaves torch and fastai unloaded (the command's quick answers rely on it); the first public name loads them all, with the methods s10fast adds to fastai's `Learner`"
    code = """import sys, s10fast
print(sorted(m for m in ('torch', 'fastai') if m in sys.modules))
from s10fast import get_learner
from fastai.learner import Learner
print([m for m in ('suggest_lr', 'fit_one_cycle_linear', 'fit_recipe', 'flip_tta') if not hasattr(Learner, m)])
ns = {}; exec('from s10fast import *', ns)
print(sorted(set(s10fast.__all__) - set(ns)), sorted(set(s10fast.__all__) - set(dir(s10fast))), s10fast.Run.__module__)
try: s10fast.nonexistent
except AttributeError as e: print(e)"""
    r = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == ['[]', '[]', '[] [] s10fast.run', "module 's10fast' has no attribute 'nonexistent'"], r.stdout

def test_train_writes_a_run_folder_and_never_overwrites_it(mini, tmp_path):
    run, scratch = tmp_path/'run', tmp_path/'tmp'
    scratch.mkdir()
    r = s10fast('train', '--data', mini, '--epochs', 1, '--width', 0.125, '--limit', 512, '--bs', 64, '--out', run, env={'TMPDIR': str(scratch)})
    assert r.returncode == 0, r.stderr
    assert [p.name for p in scratch.iterdir() if not p.name.startswith('torchinductor_')] == []  # the LR finder's scratch folder is gone (torch keeps its cache)
    assert ' - Total Train Images: 512' in r.stdout and 'LR finder (' in r.stdout and 's): steepest slope at' in r.stdout
    pngs = ['augmentations', 'confusion_matrix', 'curves', 'lr_find', 'lr_schedule', 'misclassified', 'samples']
    assert sorted(p.name for p in run.iterdir()) == sorted([f'{f}.png' for f in pngs] + ['checkpoint.pth', 'config.json', 'lr_find.json', 'metrics.csv',
        'metrics.json', 'model.pkl', 'model_summary.txt', 'most_confused.txt', 'results.json', 'stats.txt'])
    from PIL import Image
    for f in pngs:
        with Image.open(run/f'{f}.png') as im:
            assert im.format == 'PNG' and 400 <= im.size[0] <= 2000 and 200 <= im.size[1] <= 2000, (f, im.size)
            im.load()
    summary = (run/'model_summary.txt').read_text()
    assert 'Total params: 103,944' in summary and summary.split('\n')[3].split()[0] == 'Conv2d-1'
    cfg, sugg = json.loads((run/'config.json').read_text()), json.loads((run/'lr_find.json').read_text())
    assert sugg['used'] == cfg['resolved']['lr_rule'] == 'fall_end' and cfg['lr_max'] == sugg['fall_end'] and cfg['settings']['epochs'] == 1  # page's rule
    assert sugg['steep_floor'] == max(sugg['steep'], sugg['minimum'])
    hist = json.loads((run/'metrics.json').read_text())
    assert [list(h) for h in hist] == [['epoch', 'train_loss', 'train_accuracy', 'valid_loss', 'valid_accuracy']]
    assert (run/'stats.txt').read_text().startswith('[Train]\n - Total Train Images: 512\n')
    # the exported model predicts a class for a raw image
    from fastai.learner import load_learner
    from s10fast import load_cifar10
    learn = load_learner(run/'model.pkl')
    cls, idx, probs = learn.predict(load_cifar10(mini).test_x[0])
    assert cls in learn.dls.vocab and probs.shape == (10,) and abs(float(probs.sum()) - 1) < 1e-5
    # a second run into the same folder is refused and leaves it as it was
    before = {p.name: p.read_bytes() for p in run.iterdir()}
    r = s10fast('train', '--data', mini, '--epochs', 1, '--out', run)
    assert r.returncode == 2 and 'already exists' in r.stderr and 'never overwrites' in r.stderr
    assert {p.name: p.read_bytes() for p in run.iterdir()} == before

def test_fixed_lr_skips_the_finder(mini, tmp_path):
    import os
    rel = os.path.relpath(mini, tmp_path)
    r = s10fast('train', '--data', rel, '--epochs', 1, '--width', 0.125, '--limit', 256, '--bs', 32, '--lr', 0.01, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    (run,) = (tmp_path/'runs').iterdir()
    assert not (run/'lr_find.json').exists()
    cfg = json.loads((run/'config.json').read_text())
    assert cfg['lr_max'] == 0.01
    assert cfg['settings']['data'] == str(tmp_path/rel) and cfg['settings']['data'].startswith('/')  # a relative --data is stored absolute: --resume works from anywhere

@pytest.mark.parametrize('args, msg', [
    (['--epochs', 0], '--epochs 0 is invalid'),
    (['--bs', 0], '--bs 0 is invalid'),
    (['--lr', 'nan'], '--lr nan is invalid'),
    (['--width', 0.3], 'width=0.3'),
    (['--data', '/nonexistent/cifar'], 'No data folder at /nonexistent/cifar'),
    (['--device', 'tpu'], '--device tpu is invalid: use cpu, cuda or cuda:N'),
    (['--workers', -1], '--workers -1 is invalid'),
    (['--limit', 0], '--limit 0 is invalid'),
    (['--resume', '/nonexistent/run'], 'not an s10fast run folder'),
    (['--recipe', 'fast'], "recipe 'fast' is unknown: choose one of course, page"),
    (['--batch_aug', 'maybe'], '--batch_aug maybe is invalid: use auto, yes or no'),  # either spelling, whichever fastcore names the option
    (['--batch-aug', 'maybe'], '--batch_aug maybe is invalid: use auto, yes or no'),
    (['--channels-last=maybe'], '--channels_last maybe is invalid: use auto, yes or no'),
    (['--whole_step', 'maybe'], '--whole_step maybe is invalid: use auto, yes or no'),
])
def test_bad_arguments_give_one_clear_line(args, msg, tmp_path, cli):
    code, out, err = cli('train', *args)
    assert code == 2 and msg in err and len(err.strip().split('\n')) == 1
    assert not (tmp_path/'runs').exists()

def test_limit_larger_than_data(mini, cli):
    code, out, err = cli('train', '--data', mini, '--limit', 6000)
    assert code == 2 and 'limit=6000 is out of range: this data has 5085 training images' in err

def test_limit_takes_balanced_training_images_and_the_whole_test_split(mini, tmp_path):
    r = s10fast('train', '--data', mini, '--limit', 20, '--bs', 4, '--epochs', 1, '--lr', 0.01, '--width', 0.125, '--out', tmp_path/'run')
    assert r.returncode == 0, r.stderr
    stats = (tmp_path/'run'/'stats.txt').read_text()
    assert ' - Total Train Images: 20\n' in stats and ' - Total Test Images: 1017\n' in stats
    from s10fast import load_cifar10
    import numpy as np
    assert set(np.bincount(load_cifar10(mini).balanced(20).train_y)) == {2}

def test_out_of_memory_is_named_and_bugs_keep_their_traceback(monkeypatch, capsys):
    import torch, s10fast.cli as cli
    def oom(): raise torch.OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB")
    monkeypatch.setitem(cli._COMMANDS, 'train', oom)
    with pytest.raises(SystemExit) as e: cli.main(['train'])
    assert e.value.code == 2 and 'ran out of memory: lower --bs' in capsys.readouterr().err
    def bug(): raise RuntimeError("mat1 and mat2 shapes cannot be multiplied")
    monkeypatch.setitem(cli._COMMANDS, 'train', bug)
    with pytest.raises(RuntimeError, match='shapes cannot be multiplied'): cli.main(['train'])

def test_too_few_steps_fails_before_creating_the_run(mini, tmp_path, cli):
    code, out, err = cli('train', '--data', mini, '--limit', 128, '--bs', 64, '--epochs', 1)
    assert code == 2 and 'too few' in err
    assert not (tmp_path/'runs').exists()

def test_whole_step_trains_the_run_it_replaces_and_refuses_what_it_cannot_record(mini, tmp_path, cli):
    "On the CPU `--whole_step` steps eagerly through `WholeStep`: the same run, metric for metric, as without it"
    args = ('train', '--data', mini, '--epochs', 2, '--width', 0.125, '--limit', 256, '--bs', 32, '--lr', 0.05)
    for name, extra in (('eager', ()), ('whole', ('--whole_step', 'yes'))):
        code, out, err = cli(*args, *extra, '--out', tmp_path/name)
        assert code == 0, err
    cfg, eager = (json.loads((tmp_path/n/'config.json').read_text()) for n in ('whole', 'eager'))
    assert (cfg['settings']['whole_step'], cfg['resolved']['whole_step']) == (True, True)
    assert (eager['settings']['whole_step'], eager['resolved']['whole_step']) == (None, False)  # auto: off on the CPU, where there is nothing to record
    assert (tmp_path/'whole'/'metrics.json').read_text() == (tmp_path/'eager'/'metrics.json').read_text()
    code, out, err = cli('train', '--data', mini, '--whole_step', 'yes', '--recipe', 'course', '--out', tmp_path/'course')
    assert code == 2 and 'this recipe moves the momentum (0.95, 0.85, 0.95)' in err and len(err.strip().split('\n')) == 1
    assert not (tmp_path/'course').exists()

def test_public_names_are_the_api():
    "What `import *` gives is the API: no test fixtures"
    import s10fast.data, s10fast.run, s10fast.cli
    assert 'synth_cifar' not in s10fast.data.__all__ and hasattr(s10fast.data, 'synth_cifar')
    assert set(s10fast.cli.__all__) == {'train', 'compare', 'main'} and 'Run' in s10fast.run.__all__

def test_a_log_gets_the_epoch_table_without_progress_bars(mini, cli):
    code, out, err = cli('train', '--data', mini, '--epochs', 2, '--width', 0.125, '--limit', 256, '--bs', 32, '--out', 'run')  # stdout: not a terminal
    assert code == 0, err
    assert '%' not in out and '\r' not in out and '█' not in out, out[:500]  # no bar, not even the LR finder's or the predictions'
    assert '\nepoch     train_loss  train_accuracy' in out and '\n1         ' in out and '\nvalid accuracy' in out
    assert out.count('epoch     train_loss') == 1 and out.count('\n0         ') == 1, out  # the fit's table only: not the LR finder's, nor the evaluations'
