"""Re-encode every image of a CIFAR-10 folder once as a JPEG, as the full-size copy in `shared/data/cifar10-jpeg` was made.

That copy's images are the originals saved once as JPEGs with quality-75 tables (its README). Pillow's defaults (quality 75,
4:2:0 chroma subsampling) reproduce it: on ten real-subset images matched to the copy, re-encoding them so put the pixels
0.0–2.5/255 from the copy's (0.7 on average), where both are 4–7.5/255 from the originals; without subsampling, 0.7–6. So a folder and its re-encoding hold the same images, labels and order, one of
them degraded as the full-size copy is, and training on each from the same seeds measures what the degradation costs.

    python bench/jpeg_copy.py ../shared/data/cifar10-mini/cifar-10-batches-py /tmp/mini-jpeg   # writes /tmp/mini-jpeg/cifar-10-batches-py

Writes the `cifar-10-batches-py` layout (refused if OUT already holds one) and prints the mean absolute pixel change."""
import argparse, io, sys
from pathlib import Path

import numpy as np
from PIL import Image

from s10fast import load_cifar10
from s10fast.data import _write_batches

def jpeg(x:np.ndarray, quality:int=75) -> np.ndarray:
    "uint8 images `(N, H, W, 3)`, each saved once as a JPEG by Pillow at `quality` (4:2:0 subsampling) and decoded"
    def one(im):
        b = io.BytesIO()
        Image.fromarray(im).save(b, 'JPEG', quality=quality)
        return np.asarray(Image.open(b).convert('RGB'))
    return np.stack([one(im) for im in x])

def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('src', help='CIFAR-10 folder (cifar-10-batches-py, or train/ and test/ image folders)')
    p.add_argument('out', help='folder to write cifar-10-batches-py into')
    p.add_argument('--quality', type=int, default=75, help='JPEG quality (75: the full-size copy)')
    a = p.parse_args(argv)
    out = Path(a.out)/'cifar-10-batches-py'
    if out.exists(): print(f"jpeg_copy: error: {out} already exists; choose another OUT", file=sys.stderr); sys.exit(2)
    d = load_cifar10(a.src)
    train_x, test_x = jpeg(d.train_x, a.quality), jpeg(d.test_x, a.quality)
    _write_batches(a.out, train_x, d.train_y, test_x, d.test_y, d.classes)
    change = np.abs(np.concatenate([train_x, test_x]).astype(np.int16) - np.concatenate([d.train_x, d.test_x])).mean()
    print(f"{out}: {len(train_x):,} training and {len(test_x):,} test images, mean absolute pixel change {change:.2f}/255")

if __name__ == '__main__': main()
