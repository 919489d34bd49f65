"""A candidate for the GPU speed issue, measured by `bench.py --pool amax` before it goes anywhere near the model.

On the H200 (docs/results/h200/profile_whole_step) PyTorch's channels-last max-pool kernels took 18% of the whole step's GPU
time, 3 to 4 times what reading and writing their tensors needs at its nominal bandwidth; the backward pass scatters through
int64 indices. `AmaxPool2d` pools the same windows as `nn.MaxPool2d(k)` with `amax` over a view, and its backward pass sends the
gradient where the input equals the window's maximum: a comparison and a `where`, no indices. The forward pass is identical to
max-pooling. The backward pass is identical when a window's maximum is unique; where several inputs tie for it, each gets the
gradient (`nn.MaxPool2d` gives it to the first). On the CPU it is slower than `nn.MaxPool2d` (2-core machine: 1.5x to 2.8x per
pool); it is only worth measuring on a GPU."""
import torch
from torch import nn

class _AmaxPool(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, k):
        y = x.unflatten(3, (-1, k)).unflatten(2, (-1, k)).amax((3, 5))
        ctx.save_for_backward(x, y); ctx.k = k
        return y
    @staticmethod
    def backward(ctx, g):
        x, y = ctx.saved_tensors
        xv = x.unflatten(3, (-1, ctx.k)).unflatten(2, (-1, ctx.k))
        return torch.where(xv == y[:, :, :, None, :, None], g[:, :, :, None, :, None], 0).flatten(4, 5).flatten(2, 3), None  # in x's memory format

class AmaxPool2d(nn.Module):
    "Max-pooling over `k`×`k` windows with stride `k` (as `nn.MaxPool2d(k)`, on sizes divisible by `k`), its backward without indices"
    def __init__(self, k:int): super().__init__(); self.k = k
    def forward(self, x): return _AmaxPool.apply(x, self.k)
    def extra_repr(self): return f'k={self.k}'

def use_amax_pool(model:nn.Module) -> nn.Module:
    "Replace each `nn.MaxPool2d(k)` in `model` (square, stride `k`, no padding) by `AmaxPool2d(k)`, in place"
    for name, m in list(model.named_modules()):
        for n, c in list(m.named_children()):
            if isinstance(c, nn.MaxPool2d):
                assert c.kernel_size == c.stride and isinstance(c.kernel_size, int) and c.padding == 0 and c.dilation == 1, c
                setattr(m, n, AmaxPool2d(c.kernel_size))
    return model
