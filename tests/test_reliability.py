"Runs survive interruption, repeat exactly with a seed, and never lose what was saved."
import json, signal, subprocess, sys, time
import torch
from test_cli import s10fast

ARGS = ['--epochs', 4, '--width', 0.125, '--limit', 512, '--bs', 32, '--lr', 0.01, '--seed', 7]

def weights(run): return torch.load(run/'checkpoint.pth', weights_only=True)['model']

def stop_after_first_epoch(mini, run, sig):
    "Start `s10fast train` into `run`, send it `sig` once its first epoch is checkpointed; its exit status and stderr"
    p = subprocess.Popen([sys.executable, '-c', 'from s10fast.cli import main; main()', 'train', '--data', str(mini), *map(str, ARGS), '--out', str(run)],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
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
    untimed = lambda r: {k: v for k, v in r.items() if k != 'tta_seconds'}  # the TTA pass is timed anew
    assert untimed(json.loads((cut/'results.json').read_text())) == untimed(res)

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
