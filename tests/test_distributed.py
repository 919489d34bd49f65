"Two CPU processes (gloo) train one model through `accelerate launch`, as two GPUs would; rank 0 alone writes the run folder."
import json, os, subprocess, sys
from pathlib import Path
import torch
from s10fast import ResNet9

BIN = Path(sys.executable).parent

def test_two_processes(mini, tmp_path):
    out = tmp_path/'run'
    cmd = [str(BIN/'accelerate'), 'launch', '--multi_gpu', '--num_processes', '2', '--num_machines', '1', '--mixed_precision', 'no',
           '--dynamo_backend', 'no', '--main_process_port', '29517', str(BIN/'s10fast'), 'train', '--data', str(mini), '--limit', '256',
           '--epochs', '2', '--bs', '32', '--width', '0.125', '--lr', '0.05', '--device', 'cpu', '--out', str(out)]
    env = {k: v for k, v in os.environ.items() if k not in ('RANK', 'WORLD_SIZE', 'LOCAL_RANK')}
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=600, cwd=tmp_path, env=env)
    assert r.returncode == 0, r.stderr[-3000:]
    # both ranks trained, each on half of every epoch: 256 images / 32 per batch / 2 ranks = 4 steps an epoch
    for rank in (0, 1): assert f"rank {rank} of 2: 8 training steps" in r.stderr, r.stderr[-3000:]
    # one run folder, written once, by rank 0
    assert [p.name for p in tmp_path.iterdir()] == ['run']
    cfg = json.loads((out/'config.json').read_text())
    assert (cfg['resolved']['processes'], cfg['resolved']['device']) == (2, 'cpu')
    assert len(json.loads((out/'metrics.json').read_text())) == 2
    assert r.stdout.count('valid accuracy') == 1 and r.stdout.count('[Train]') == 1
    for f in ('model.pkl', 'results.json', 'curves.png', 'confusion_matrix.png'): assert (out/f).is_file(), f
    # the checkpoint holds the plain model's weights, not DistributedDataParallel's
    ckpt = torch.load(out/'checkpoint.pth', weights_only=True)
    ResNet9(width=0.125).load_state_dict(ckpt['model'])
