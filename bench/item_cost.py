import time, torch, numpy as np
from s10fast import get_dls, load_cifar10
from s10fast.data import mini_path
from fastai.torch_core import TensorCategory
torch.set_num_threads(1)
c = load_cifar10(mini_path())
dls = get_dls(c, bs=512, device='cpu', seed=0)
dl = dls.train
ds = dl.dataset
n = 5085
def t(f, reps=2):
    best = 1e9
    for _ in range(reps):
        t0 = time.perf_counter(); f(); best = min(best, time.perf_counter() - t0)
    return best/n*1e6
aug = dl.after_item.fs[0].train_aug
items = [ds[i] for i in range(n)]
print(f'dataset[i]            {t(lambda: [ds[i] for i in range(n)]):6.1f} us')
print(f'array + TensorCategory {t(lambda: [(c.train_x[i], TensorCategory(c.train_y[i])) for i in range(n)]):6.1f} us')
dl.after_item.split_idx = 0
print(f'after_item (fastai)   {t(lambda: [dl.after_item(it) for it in items]):6.1f} us')
print(f'albumentations alone  {t(lambda: [aug(image=it[0])["image"] for it in items]):6.1f} us')
print(f'+ CHW torch            {t(lambda: [torch.from_numpy(np.ascontiguousarray(aug(image=it[0])["image"].transpose(2,0,1))) for it in items]):6.1f} us')
b = [dl.after_item(it) for it in items[:512]]
print(f'collate (512)          {t(lambda: [dl.create_batch(b) for _ in range(10)]) * n/5120:6.1f} us')
print(f'dl iteration          {t(lambda: [None for _ in dl]):6.1f} us')
