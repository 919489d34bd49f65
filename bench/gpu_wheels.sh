#!/usr/bin/env bash
# Fill .whl/ (git-ignored) with the wheels bench/gpu_run.sh installs on the lent GPU machine: what s10fast needs that the machine's
# image lacks (it has torch, torchvision, numpy, pandas, scipy, scikit-learn, matplotlib, opencv, pyyaml, requests, rich, cloudpickle),
# at the versions of the development set in .venv (`make install`), for its Python 3.12 on x86-64; typing-extensions too, since
# pydantic wants a recent one. fastprogress is 1.0.3, the last release that does not import fasthtml (1.1 does, which would need a
# web framework's wheels too); fastai takes any fastprogress >= 0.2.4.
set -euo pipefail
cd "$(dirname "$0")/.."
NAMES=(fastai fastcore fasttransform fastdownload plum-dispatch beartype albumentations albucore stringzilla simsimd
       pydantic pydantic-core annotated-types typing-inspection typing-extensions)
FROZEN=$(.venv/bin/python -m pip freeze 2>/dev/null | sed 's/_/-/g') || true
PKGS=(fastprogress==1.0.3); MISSING=()
for n in "${NAMES[@]}"; do v=$(grep -i -m1 "^$n==" <<< "$FROZEN") && PKGS+=("$v") || MISSING+=("$n"); done
[ ${#MISSING[@]} -eq 0 ] || { echo "not in .venv: ${MISSING[*]}; run make install first" >&2; exit 2; }
rm -rf .whl && mkdir .whl
python3 -m pip download -q --no-deps --only-binary=:all: --python-version 3.12 --implementation cp --platform manylinux_2_28_x86_64 \
  --platform manylinux_2_27_x86_64 --platform manylinux_2_17_x86_64 --platform manylinux2014_x86_64 --platform manylinux1_x86_64 \
  -d .whl "${PKGS[@]}"
ls .whl; du -sh .whl
