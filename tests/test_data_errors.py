"Broken or missing data ends in one clear error that names the file and the fix."
import pickle
import numpy as np
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
    with pytest.raises(ConnectionError) as e: load_cifar10()
    msg = str(e.value)
    assert 'Could not download CIFAR-10' in msg and 'S10FAST_DATA' in msg and '--data' in msg

def test_data_dir_is_searched_before_downloading(tmp_path, monkeypatch):
    synth_cifar(tmp_path, n_train=10, n_test=5)
    monkeypatch.setenv('S10FAST_DATA', str(tmp_path))
    assert load_cifar10().train_x.shape == (10, 32, 32, 3)

def _batch(tmp_path, data, labels):
    path = synth_cifar(tmp_path)
    with open(path/'data_batch_2', 'wb') as f: pickle.dump({'data': data, 'labels': labels}, f)
    return tmp_path

@pytest.mark.parametrize('data, labels, msg', [
    (np.zeros((4, 1024), np.uint8), [0]*4, r"data_batch_2: 'data' must be a \(N, 3072\) uint8 array, got uint8 array of shape \(4, 1024\)"),
    (np.zeros((4, 3072), np.float32), [0]*4, r"'data' must be a \(N, 3072\) uint8 array, got float32"),
    (np.zeros((4, 3072), np.uint8), [0]*5, '5 labels for 4 images'),
    (np.zeros((4, 3072), np.uint8), [0, 1, 2, 12], r'data_batch_2 holds label 12, but .*batches.meta names only 10 classes'),
    (np.zeros((0, 3072), np.uint8), [], 'holds no images'),
])
def test_bad_batch_contents(tmp_path, data, labels, msg):
    with pytest.raises(ValueError, match=msg): load_cifar10(_batch(tmp_path, data, labels))

def _png_split(root, split, images):
    from PIL import Image
    (root/split/'cat').mkdir(parents=True)
    for i, im in enumerate(images): Image.fromarray(im).save(root/split/'cat'/f'{i}.png')

def test_png_folder_without_images(tmp_path):
    _png_split(tmp_path, 'train', [np.zeros((32, 32, 3), np.uint8)])
    _png_split(tmp_path, 'test', [])
    with pytest.raises(ValueError, match='holds no images'): load_cifar10(tmp_path)

@pytest.mark.parametrize('im, msg', [(np.zeros((28, 28, 3), np.uint8), '28×28 RGB'), (np.zeros((32, 32), np.uint8), '32×32 L')])
def test_png_of_wrong_size_or_mode(tmp_path, im, msg):
    _png_split(tmp_path, 'train', [np.zeros((32, 32, 3), np.uint8), im])
    _png_split(tmp_path, 'test', [np.zeros((32, 32, 3), np.uint8)])
    with pytest.raises(ValueError, match=msg): load_cifar10(tmp_path)
