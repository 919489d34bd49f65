"README.md is generated from nbs/index.ipynb by tools/nb2md.py and must not drift from it."
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

def test_readme_matches_index_notebook():
    spec = importlib.util.spec_from_file_location('nb2md', ROOT/'tools/nb2md.py')
    mod = importlib.util.module_from_spec(spec); spec.loader.exec_module(mod)
    assert (ROOT/'README.md').read_text() == mod.nb2md(ROOT/'nbs/index.ipynb'), \
        "README.md differs from nbs/index.ipynb: edit the notebook, then run `python tools/nb2md.py`"

def test_readme_images_exist():
    import re
    text = (ROOT/'README.md').read_text()
    imgs = re.findall(r'!\[[^\]]*\]\(([^)]+\.png)\)', text)
    assert imgs, "README shows no figures"
    for p in imgs: assert (ROOT/p).is_file(), p
