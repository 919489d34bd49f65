__version__ = "0.0.1"

import warnings
# raised by fastai's import on torch >= 2.10, about code s10fast never calls
warnings.filterwarnings('ignore', message='`torch.jit.script` is deprecated', category=FutureWarning)

from .data import Cifar, load_cifar10, channel_stats, cifar_stats
from .augment import AlbumentationsTransform, cifar_augs
from .dataloaders import get_dls
from .model import ResNet9
from .learner import get_learner, torch_adam
from . import lr_find, schedule, tta  # the methods they add to fastai's `Learner`: suggest_lr, fit_one_cycle_linear, fit_recipe, flip_tta
from .run import Run
