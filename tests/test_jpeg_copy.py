"bench/jpeg_copy.py re-encodes a CIFAR-10 folder as the full-size JPEG copy was made: same images, labels and order, degraded as much as that copy is."
import importlib.util, subprocess, sys
from pathlib import Path

import numpy as np
from s10fast import load_cifar10

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location('jpeg_copy', ROOT/'bench/jpeg_copy.py')
jpeg_copy = importlib.util.module_from_spec(spec); spec.loader.exec_module(jpeg_copy)

def test_jpeg_copy_of_the_real_subset(mini, tmp_path, capsys):
    jpeg_copy.main([str(mini), str(tmp_path)])
    src, out = load_cifar10(mini), load_cifar10(tmp_path/'cifar-10-batches-py')
    assert out.classes == src.classes and (out.train_y == src.train_y).all() and (out.test_y == src.test_y).all()
    assert out.train_x.shape == src.train_x.shape and out.test_x.shape == src.test_x.shape and out.train_x.dtype == np.uint8
    change = np.abs(out.test_x.astype(int) - src.test_x).mean(axis=(1, 2, 3))
    assert 5 < change.mean() < 7 and change.min() > 0  # the full-size copy: 5.8/255 from the originals
    assert 'mean absolute pixel change 5.8' in capsys.readouterr().out

def test_jpeg_copy_refuses_to_overwrite(mini, tmp_path):
    (tmp_path/'cifar-10-batches-py').mkdir()
    r = subprocess.run([sys.executable, str(ROOT/'bench/jpeg_copy.py'), str(mini), str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 2 and 'already exists' in r.stderr and not any((tmp_path/'cifar-10-batches-py').iterdir())
