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

def test_readme_full_size_tables_are_the_results():
    "The README's accuracy tables are what `bench/accuracy.py report` makes of the JSON in docs/results: the full-size grids (29 Nov's, 28 Nov's, the earlier code's), the JPEG cost measured small, and the CPU's run at an eighth of the width"
    import subprocess, sys
    full = ROOT/'docs/results/h200/full'
    readme = (ROOT/'README.md').read_text()
    jpeg = ROOT/'docs/results/jpeg_cost'
    now = ('accuracy_auto_page_whole.json', 'accuracy_0.4_page.json', 'accuracy_0.8_page.json', 'accuracy_minimum_page.json', 'accuracy_valley_page.json',
           'accuracy_auto_course.json')
    for files in ([full/f for f in now], [full/'nov28'/'accuracy_auto.json'],
                  [full/'earlier'/f for f in ('accuracy_steep.json', 'accuracy_course_minimum.json', 'accuracy_page_0.4.json')],
                  [jpeg/'real.json'], [jpeg/'jpeg.json'], [ROOT/'docs/results/cpu_full_w0125'/f for f in ('accuracy_auto_page.json', 'accuracy_auto_course.json')]):
        r = subprocess.run([sys.executable, str(ROOT/'bench/accuracy.py'), 'report', *map(str, files)], capture_output=True, text=True, timeout=300)
        assert r.returncode == 0, r.stderr
        for table in r.stdout.strip().split('\n\n'):
            assert table in readme, f"README's full-size table differs from the results; paste this into nbs/index.ipynb:\n{table}"
