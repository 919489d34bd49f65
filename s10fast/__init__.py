__version__ = "0.0.1"

import importlib, warnings
# raised by fastai's import on torch >= 2.10, about code s10fast never calls
warnings.filterwarnings('ignore', message='`torch.jit.script` is deprecated', category=FutureWarning)

# The public names, by module. They load on first use (PEP 562): importing torch and fastai takes seconds, which the
# `s10fast` command's help and its errors about options need not wait for.
_PUBLIC = {'data': ('Cifar', 'load_cifar10', 'channel_stats', 'cifar_stats'), 'augment': ('AlbumentationsTransform', 'cifar_augs'),
           'dataloaders': ('get_dls',), 'model': ('ResNet9',), 'learner': ('get_learner', 'torch_adam'), 'run': ('Run',)}
__all__ = [n for names in _PUBLIC.values() for n in names]

def __getattr__(name):
    if name not in __all__: raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    for m in ('lr_find', 'schedule', 'tta'): importlib.import_module(f'.{m}', __name__)  # the methods they add to fastai's `Learner`: suggest_lr, fit_one_cycle_linear, fit_recipe, flip_tta
    for m, names in _PUBLIC.items():
        mod = importlib.import_module(f'.{m}', __name__)
        globals().update({n: getattr(mod, n) for n in names})
    return globals()[name]

def __dir__(): return sorted(set(globals()) | set(__all__))
