"Broken or missing data ends in one clear error that names the file and the fix."
import pickle
from pathlib import Path
import pytest
from s10fast.data import load_cifar10, read_batch, synth_cifar

def test_missing_batch_file(tmp_path):
    path = synth_cifar(tmp_path)
    (path/'data_batch_3').unlink()
    with pytest.raises(FileNotFoundError, match='data_batch_3 is missing'): load_cifar10(tmp_path)

def test_truncated_batch(tmp_path):
    path = synth_cifar(tmp_path)
    (path/'test_batch').write_bytes((path/'test_batch').read_bytes()[:500])
    with pytest.raises(ValueError, match='test_batch is not a valid CIFAR-10 pickle.*truncated or corrupt'): load_cifar10(tmp_path)

class Payload:
    def __init__(self, fn): self.fn = fn
    def __reduce__(self): return (Path.touch, (Path(self.fn),))

def test_crafted_pickle_is_refused_without_running(tmp_path):
    marker = tmp_path/'pwned'
    fn = tmp_path/'data_batch_1'
    fn.write_bytes(pickle.dumps({'data': Payload(marker), 'labels': [0]}))
    with pytest.raises(ValueError, match='pathlib'): read_batch(fn)
    assert not marker.exists()
    pickle.loads(fn.read_bytes())  # the same file does run code under plain pickle
    assert marker.exists()

def test_offline_download_says_how_to_point_at_local_data(tmp_path, monkeypatch):
    import torchvision
    monkeypatch.setenv('S10FAST_DATA', str(tmp_path/'cache'))
    monkeypatch.setattr(torchvision.datasets.CIFAR10, 'url', 'http://127.0.0.1:9/cifar-10-python.tar.gz')
    with pytest.raises(RuntimeError) as e: load_cifar10()
    msg = str(e.value)
    assert 'Could not download CIFAR-10' in msg and 'S10FAST_DATA' in msg and '--data' in msg

def test_data_dir_is_searched_before_downloading(tmp_path, monkeypatch):
    synth_cifar(tmp_path, n_train=10, n_test=5)
    monkeypatch.setenv('S10FAST_DATA', str(tmp_path))
    assert load_cifar10().train_x.shape == (10, 32, 32, 3)
