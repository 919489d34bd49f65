"""Microseconds an image for each stage of the item path (albumentations per item), on one CPU thread.

    python bench/item_cost.py [CIFAR-10 folder]      # default: the real subset

A training epoch of batches of 512 through `ArrayDL` (batches made straight from the arrays by the adapter), the same through
fastai's items (`item_arrays=None`: `Datasets`, then the adapter through fastai's `Pipeline`), and the parts: fastai's
`Datasets` item, the adapter through fastai's `Pipeline`, the albumentations pipeline alone (drawing from numpy's global
generator, as the adapter makes it, and from its own, as a plain `Dataset` would), and collation.
Each figure is the best of 3 passes over all the training images.
"""
import copy, random, sys, time
import numpy as np, torch
from s10fast import get_dls, load_cifar10
from s10fast.data import mini_path

def per_image(f, n, reps=3):
    "Best of `reps` timings of `f`, in microseconds per image of `n`"
    best = float('inf')
    for _ in range(reps):
        t = time.perf_counter(); f(); best = min(best, time.perf_counter() - t)
    return best/n*1e6

def main(path=None):
    torch.set_num_threads(1)
    data = load_cifar10(path or mini_path())
    dl = get_dls(data, bs=512, device='cpu', seed=0).train
    ref = dl.new(item_arrays=None)
    n, ds, tfm = len(data.train_x), dl.dataset, dl.after_item.fs[0]
    items = [ds[i] for i in range(n)]
    dl.after_item.split_idx = 0
    own = copy.deepcopy(tfm.train_aug)  # the very same pipeline, drawing from its own generators
    own.set_random_state(np.random.default_rng(0), random.Random(0))
    stages = {'epoch, ArrayDL (batches from the arrays)': lambda: [None for _ in dl],
              "epoch, fastai's items": lambda: [None for _ in ref],
              "Datasets item": lambda: [ds[i] for i in range(n)],
              "adapter through fastai's Pipeline": lambda: [dl.after_item(it) for it in items],
              'albumentations pipeline alone': lambda: [tfm.train_aug(image=x)['image'] for x, _ in items],
              '  the same, its own random generator': lambda: [own(image=x)['image'] for x, _ in items]}
    for name, f in stages.items(): print(f'{name:42s} {per_image(f, n):6.1f} µs', flush=True)
    b = [dl.after_item(it) for it in items[:512]]
    print(f"{'collation (fastai, batches of 512)':42s} {per_image(lambda: [dl.create_batch(b) for _ in range(10)], 5120):6.1f} µs")

if __name__ == '__main__': main(*sys.argv[1:])
