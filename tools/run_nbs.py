"""Execute notebooks in place, so that they are committed with their outputs: `python tools/run_nbs.py [NB ...]` (default: all of nbs/).

Cells marked `#| notest` (full size, a GPU's work) are not run here and keep the outputs they have; the cell that calls
`nbdev_export` is skipped. Each notebook runs from its own folder, as `nbdev_test` runs it; then `nbdev_clean` strips metadata.
"""
import re, subprocess, sys, time
from pathlib import Path
from execnb.shell import CaptureShell

ROOT = Path(__file__).resolve().parents[1]

def _skip(cell) -> bool:
    return cell.cell_type != 'code' or bool(re.search(r'^#\|\s*notest\b', cell.source, re.M)) or 'nbdev_export(' in cell.source

def run(fn:Path):
    start = time.time()
    CaptureShell(fn).execute(fn, fn, exc_stop=True, preproc=_skip)
    print(f"{fn.relative_to(ROOT)}: {time.time()-start:.0f} s, {fn.stat().st_size/1e6:.2f} MB", flush=True)

if __name__ == '__main__':
    nbs = [Path(a).resolve() for a in sys.argv[1:]] or sorted((ROOT/'nbs').glob('*.ipynb'))
    for fn in nbs: run(fn)
    subprocess.run([str(Path(sys.executable).parent/'nbdev_clean')], cwd=ROOT, check=True)
