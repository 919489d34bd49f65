#!/usr/bin/env bash
# Fill .whl/ (git-ignored) with the wheels bench/gpu_run.sh installs on the lent GPU machine: what s10fast needs that the machine's
# image lacks (it has torch, torchvision, numpy, pandas, scipy, scikit-learn, matplotlib, opencv, pyyaml, requests, rich, cloudpickle),
# at the versions of the development set, for its Python 3.12 on x86-64 (typing-extensions too: pydantic wants a recent one). fastprogress is 1.0.3, the last release that does not
# import fasthtml (1.1 does, which would need a web framework's wheels too); fastai takes any fastprogress >= 0.2.4.
set -euo pipefail
cd "$(dirname "$0")/.."
PKGS=(fastai==2.8.7 fastcore==1.14.5 fasttransform==0.0.2 fastprogress==1.0.3 fastdownload==0.0.8 plum-dispatch==2.9.0 beartype==0.23.1
      albumentations==2.0.8 albucore==0.0.24 stringzilla==5.3.2 simsimd==6.5.16
      pydantic==2.14.4 pydantic-core==2.50.5 annotated-types==0.8.0 typing-inspection==0.4.5 typing-extensions==4.16.0)
rm -rf .whl && mkdir .whl
python3 -m pip download -q --no-deps --only-binary=:all: --python-version 3.12 --implementation cp --platform manylinux_2_28_x86_64 \
  --platform manylinux_2_27_x86_64 --platform manylinux_2_17_x86_64 --platform manylinux2014_x86_64 --platform manylinux1_x86_64 \
  -d .whl "${PKGS[@]}"
ls .whl; du -sh .whl
