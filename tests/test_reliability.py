"Runs survive interruption, repeat exactly with a seed, and never lose what was saved."
import json, signal, subprocess, sys, time
import pytest
import torch
from test_cli import s10fast

ARGS = ['--epochs', 4, '--width', 0.125, '--limit', 512, '--bs', 32, '--lr', 0.01, '--seed', 7]

def weights(run): return torch.load(run/'checkpoint.pth', weights_only=True)['model']

def stop_after_first_epoch(mini, run, sig):
    "Start `s10fast train` into `run`, send it `sig` once its first epoch is checkpointed; its exit status and stderr"
    p = subprocess.Popen([sys.executable, '-c', 'from s10fast.cli import main; main()', 'train', '--data', str(mini), *map(str, ARGS), '--out', str(run)],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                         preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))  # as from a terminal: tests run in a background job inherit Ctrl-C ignored
    deadline = time.time() + 300
    while not (run/'checkpoint.pth').exists() and p.poll() is None and time.time() < deadline: time.sleep(0.02)
    p.send_signal(sig)
    err = p.communicate(timeout=120)[1]
    return p.returncode, err

def test_same_seed_same_metrics(mini, tmp_path):
    a, b = tmp_path/'a', tmp_path/'b'
    for run in (a, b):
        r = s10fast('train', '--data', mini, '--epochs', 2, *ARGS[2:], '--out', run)
        assert r.returncode == 0, r.stderr
    assert (a/'metrics.json').read_text() == (b/'metrics.json').read_text()
    for k, v in weights(a).items(): assert torch.equal(v, weights(b)[k]), k

def test_interrupt_then_resume_matches_an_uninterrupted_run(mini, tmp_path):
    straight, cut = tmp_path/'straight', tmp_path/'cut'
    r = s10fast('train', '--data', mini, *ARGS, '--out', straight)
    assert r.returncode == 0, r.stderr
    rc, err = stop_after_first_epoch(mini, cut, signal.SIGINT)  # Ctrl-C
    assert rc == 130, err
    assert f's10fast train --resume {cut}' in err
    done = torch.load(cut/'checkpoint.pth', weights_only=True)['epoch'] + 1
    assert 1 <= done < 4 and not (cut/'model.pkl').exists()
    assert len(json.loads((cut/'metrics.json').read_text())) == done
    r = s10fast('train', '--resume', cut)
    assert r.returncode == 0, r.stderr
    assert f'Resuming {cut} at epoch {done+1} of 4' in r.stdout
    for k, v in weights(straight).items(): assert torch.equal(v, weights(cut)[k]), k
    assert (cut/'metrics.json').read_text() == (straight/'metrics.json').read_text()
    assert (cut/'model.pkl').exists() and (cut/'curves.png').exists()
    # a finished run resumed reports again from its saved weights, and keeps its checkpoint and metrics
    kept = {f: (cut/f).read_bytes() for f in ('checkpoint.pth', 'metrics.json', 'config.json')}
    res = json.loads((cut/'results.json').read_text())
    (cut/'curves.png').unlink(); (cut/'results.json').unlink()
    r = s10fast('train', '--resume', cut)
    assert r.returncode == 0 and 'all 4 epochs are done' in r.stdout, r.stderr
    assert {f: (cut/f).read_bytes() for f in kept} == kept and (cut/'curves.png').is_file()
    again = json.loads((cut/'results.json').read_text())
    untimed = lambda r: {k: v for k, v in r.items() if k not in ('tta_seconds', 'checkpoint_seconds')}  # the TTA pass is timed anew
    assert untimed(again) == untimed(res)
    assert 0 < again['checkpoint_seconds'] <= res['checkpoint_seconds']  # from the last checkpoint, saved before the wait for its own writing

def test_crafted_checkpoint_is_refused(tmp_path, cli):
    import pickle
    from pathlib import Path
    marker = tmp_path/'pwned'
    class Payload:
        def __reduce__(self): return (Path.touch, (marker,))
    run = tmp_path/'run'; run.mkdir()
    (run/'config.json').write_text(json.dumps({'settings': {'epochs': 3}}))
    torch.save({'epoch': 0, 'x': Payload()}, run/'checkpoint.pth')
    code, out, err = cli('train', '--resume', run)
    assert code == 2 and 'not a readable s10fast checkpoint' in err
    assert not marker.exists()

def test_sigterm_saves_like_ctrl_c(mini, tmp_path):
    "`kill` (SIGTERM) stops a run as Ctrl-C does: exit 130, the finished epochs saved, the resume command named"
    run = tmp_path/'run'
    rc, err = stop_after_first_epoch(mini, run, signal.SIGTERM)
    assert rc == 130, err
    assert f's10fast train --resume {run}' in err

def test_divergence_before_the_first_epoch_says_nothing_was_saved(mini, tmp_path):
    r = s10fast('train', '--data', mini, '--limit', 256, '--bs', 16, '--epochs', 1, '--lr', 1e6, '--width', 0.125, '--out', tmp_path/'run')
    assert r.returncode == 2 and 'training loss became' in r.stderr, r.stderr
    assert 'no epoch had finished, so nothing was saved' in r.stderr and 'are saved in' not in r.stderr

def test_resume_takes_no_other_options(tmp_path, cli):
    code, out, err = cli('train', '--resume', tmp_path/'run', '--epochs', 5, '--bs', 64)
    assert code == 2 and '--resume continues a run with the options it started with: leave out --epochs, --bs' in err

QUICK = ['--epochs', 2, '--width', 0.125, '--limit', 256, '--bs', 32, '--seed', 3]

def _stop_once(monkeypatch, obj, name):
    "Make `obj.name` raise KeyboardInterrupt (as Ctrl-C or SIGTERM would, through `main`) the first time it is called"
    orig = getattr(obj, name)
    def _once(*a, **kw):
        monkeypatch.setattr(obj, name, orig)
        raise KeyboardInterrupt
    monkeypatch.setattr(obj, name, _once)

@pytest.mark.parametrize('phase, where', [('lr_find', 'during the LR finder'), ('evaluate', 'during the evaluation'), ('report', 'while drawing the figures')])
def test_interrupted_in_any_step_resumes_to_a_whole_run(phase, where, mini, tmp_path, cli, monkeypatch):
    "Stopped in the LR finder, the evaluation or the figures: exit 130, the step and the resume command named; --resume finishes the run"
    from fastai.learner import Learner
    import s10fast.run
    obj, name = {'lr_find': (Learner, 'suggest_lr'), 'evaluate': (Learner, 'flip_tta'), 'report': (s10fast.run, 'plot_curves')}[phase]
    _stop_once(monkeypatch, obj, name)
    run = tmp_path/'run'
    code, out, err = cli('train', '--data', mini, *QUICK, '--out', run)
    assert code == 130 and f'Interrupted {where}:' in err and f's10fast train --resume {run}' in err, err
    assert (run/'config.json').is_file() and not (run/'curves.png').exists()
    code, out, err = cli('train', '--resume', run)
    assert code == 0, err
    for f in ('results.json', 'model.pkl', 'curves.png', 'confusion_matrix.png', 'lr_find.png', 'samples.png', 'checkpoint.pth'): assert (run/f).is_file(), f
    assert json.loads((run/'config.json').read_text())['lr_max'] == json.loads((run/'results.json').read_text())['lr_max']

def test_interrupted_while_loading_the_data_leaves_nothing(mini, tmp_path, cli, monkeypatch):
    import s10fast.run
    _stop_once(monkeypatch, s10fast.run, 'load_cifar10')
    code, out, err = cli('train', '--data', mini, *QUICK, '--out', tmp_path/'run')
    assert code == 130 and 'Interrupted while loading the data: nothing was saved.' in err, err
    assert not (tmp_path/'run').exists()

def test_full_disk_names_the_file_and_the_way_on(mini, tmp_path, cli, monkeypatch):
    "A checkpoint write that fails for lack of space: one line naming the file, the fix and --resume; no partial file; the run resumes once there is space"
    import errno, s10fast.checkpoint as ck
    orig = ck.torch.save
    def _full(obj, f):
        monkeypatch.setattr(ck.torch, 'save', orig)
        f.write(b'partial'); raise OSError(errno.ENOSPC, 'No space left on device')
    monkeypatch.setattr(ck.torch, 'save', _full)
    run = tmp_path/'run'
    code, out, err = cli('train', '--data', mini, *QUICK, '--lr', 0.01, '--out', run)
    lines = err.strip().split('\n')
    assert code == 2 and len(lines) == 1, err
    assert f"cannot write {run/'checkpoint.pth'}: No space left on device; free some space" in err and f's10fast train --resume {run}' in err
    assert not list(run.glob('*.tmp')) and not (run/'checkpoint.pth').exists()
    code, out, err = cli('train', '--resume', run)
    assert code == 0 and (run/'results.json').is_file(), err

def test_output_that_cannot_be_created_fails_before_training(mini, tmp_path, cli):
    (tmp_path/'file').write_text('not a folder')
    code, out, err = cli('train', '--data', mini, *QUICK, '--out', tmp_path/'file'/'run')
    assert code == 2 and f"cannot create the run folder {tmp_path/'file'/'run'}: Not a directory" in err and len(err.strip().split('\n')) == 1, err
    assert 'LR finder' not in out
    code, out, err = cli('compare', '--data', mini, '--epochs', 1, '--out', tmp_path/'file'/'c.json')
    assert code == 2 and f"cannot write {tmp_path/'file'/'c.json'}" in err and 'seed 0' not in out, err

def test_read_only_output_is_one_line(mini, tmp_path, cli, monkeypatch):
    "A folder s10fast may not write in (simulated: the tests may run as root, who may write anywhere)"
    from pathlib import Path
    orig = Path.mkdir
    def _denied(self, *a, **kw):
        if self.name == 'run': raise PermissionError(13, 'Permission denied', str(self))
        return orig(self, *a, **kw)
    monkeypatch.setattr(Path, 'mkdir', _denied)
    code, out, err = cli('train', '--data', mini, *QUICK, '--out', tmp_path/'ro'/'run')
    assert code == 2 and err.strip() == f"s10fast train: error: cannot create the run folder {tmp_path/'ro'/'run'}: Permission denied; choose a folder you can write to", err

def test_stopped_before_the_first_checkpoint_resumes_to_the_same_run(mini, tmp_path, cli, monkeypatch):
    "Stopped after the LR finder, in the first epoch: --resume skips the figures and the LR finder already done, and still trains exactly the uninterrupted run"
    from s10fast.checkpoint import EpochCheckpoint
    straight, cut = tmp_path/'straight', tmp_path/'cut'
    code, out, err = cli('train', '--data', mini, *QUICK, '--out', straight)
    assert code == 0, err
    _stop_once(monkeypatch, EpochCheckpoint, 'after_epoch')
    code, out, err = cli('train', '--data', mini, *QUICK, '--out', cut)
    assert code == 130 and 'Interrupted during training:' in err and not (cut/'checkpoint.pth').exists(), err
    assert (cut/'lr_find.json').is_file() and (cut/'augmentations.png').is_file()
    code, out, err = cli('train', '--resume', cut)
    assert code == 0 and 'LR finder' not in out, err
    assert (cut/'metrics.json').read_text() == (straight/'metrics.json').read_text()
    for k, v in weights(straight).items(): assert torch.equal(v, weights(cut)[k]), k
