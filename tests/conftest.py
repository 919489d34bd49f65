import os
from pathlib import Path
import pytest

MINI = Path(os.environ.get('S10FAST_MINI', Path(__file__).resolve().parents[2]/'shared/data/cifar10-mini/cifar-10-batches-py'))

@pytest.fixture
def mini():
    "The real CIFAR-10 subset (5 × 1,017 training and 1,017 test images); skips when absent"
    if not (MINI/'batches.meta').exists():
        pytest.skip(f"real CIFAR-10 subset not found at {MINI} (set S10FAST_MINI to its cifar-10-batches-py folder)")
    return MINI
