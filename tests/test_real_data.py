"Checks on the real CIFAR-10 subset in shared/data/cifar10-mini."
import numpy as np
import torch
from s10fast import load_cifar10, cifar_stats, get_dls, get_learner, ResNet9

def test_load_and_stats_match_numpy(mini, capsys):
    data = load_cifar10(mini)
    assert data.train_x.shape == (5*1017, 32, 32, 3) and data.train_x.dtype == np.uint8
    assert data.test_x.shape == (1017, 32, 32, 3)
    assert data.classes == ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck']
    assert set(np.unique(data.train_y)) == set(range(10))
    stats = cifar_stats(data)
    for split, x in (('Train', data.train_x), ('Test', data.test_x)):
        v = x.astype(np.float64)/255
        st = stats[split]
        np.testing.assert_allclose(st.mean, v.mean((0, 1, 2)), rtol=1e-10)
        np.testing.assert_allclose(st.std, v.std((0, 1, 2)), rtol=1e-9)
        np.testing.assert_allclose(st.var, v.var((0, 1, 2)), rtol=1e-9)
        np.testing.assert_array_equal(st.min, v.min((0, 1, 2)))
        np.testing.assert_array_equal(st.max, v.max((0, 1, 2)))
    out = capsys.readouterr().out
    assert ' - Total Train Images: 5085' in out and ' - Total Test Images: 1017' in out and ' - Tensor Shape: (3, 32, 32)' in out
    # real CIFAR-10 images: mean colour close to the full set's published figures
    np.testing.assert_allclose(stats['Train'].mean, [0.4914, 0.4822, 0.4465], atol=0.01)

def test_trains_a_few_steps(mini):
    dls = get_dls(mini, bs=64, limit=512, seed=0, device='cpu')
    learn = get_learner(dls, ResNet9(width=0.25))
    before = [p.detach().clone() for p in learn.model.parameters()]
    with learn.no_bar(): learn.fit_one_cycle_linear(1, 0.01)
    h = learn.recorder.history()
    assert len(h) == 1 and np.isfinite(h[0]['train_loss']) and np.isfinite(h[0]['valid_loss'])
    assert 0 <= h[0]['valid_accuracy'] <= 1
    assert any(not torch.equal(a, b) for a, b in zip(before, learn.model.parameters()))
    assert len(learn.recorder.lrs) == len(dls.train)

def test_loads_real_images_as_jpeg_folders(mini, tmp_path):
    "The real subset written as JPEG files, as copies of CIFAR-10 circulate, loads with its labels and close to its pixels"
    from PIL import Image
    data = load_cifar10(mini)
    keep = {'train': range(0, 5085, 17), 'test': range(0, 1017, 7)}
    for split, (x, y) in (('train', (data.train_x, data.train_y)), ('test', (data.test_x, data.test_y))):
        for i in keep[split]:
            d = tmp_path/split/data.classes[y[i]]
            d.mkdir(parents=True, exist_ok=True)
            Image.fromarray(x[i]).save(d/f'{i:05d}.jpg', quality=75)
    jpg = load_cifar10(tmp_path)
    assert jpg.classes == data.classes and len(jpg.train_x) == len(keep['train']) and len(jpg.test_x) == len(keep['test'])
    for split, x, y in (('train', data.train_x, data.train_y), ('test', data.test_x, data.test_y)):
        idx = sorted(keep[split], key=lambda i: (y[i], i))  # class folders in order, files by name within each
        got_x, got_y = (jpg.train_x, jpg.train_y) if split == 'train' else (jpg.test_x, jpg.test_y)
        np.testing.assert_array_equal(got_y, y[idx])
        err = np.abs(got_x.astype(int) - x[idx]).mean()
        assert 2 < err < 8, err  # JPEG at quality 75 is lossy, but these are the same pictures
