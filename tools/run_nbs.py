"""Execute notebooks in place, so that they are committed with their outputs: `python tools/run_nbs.py [NB ...]` (default: all of nbs/).

Cells marked `#| notest` (full size, a GPU's work) are not run here and keep the outputs they have; cells marked `#| slow`
(skipped by `nbdev_test`) are run; the cell that calls `nbdev_export` is skipped. Each notebook runs from its own folder, as
`nbdev_test` runs it. fastprogress's console bars redraw themselves with carriage returns; each stored line keeps only what a
terminal would show at the end (the training table, not every step of the bar). Figures are stored at their own size, not
doubled, so that nbs/ stays small. Then `nbdev_clean` strips metadata.
"""
import os, re, subprocess, sys, time
from pathlib import Path
from execnb.shell import CaptureShell
import s10fast  # fastai, imported here under the filter a user's `import s10fast` sets: no notebook shows its torch.jit warning (with this machine's paths)

ROOT = Path(__file__).resolve().parents[1]

def _skip(cell) -> bool:
    "Whether `cell` is left as it is; a cell that runs starts with no outputs (execnb keeps the old ones when a cell prints nothing)"
    skip = cell.cell_type != 'code' or bool(re.search(r'^#\|\s*notest\b', cell.source, re.M)) or 'nbdev_export(' in cell.source
    if not skip: cell.outputs = []
    return skip

_BAR = re.compile(r'^(Epoch \d+/\d+ : )?\|[█-]*\| \d+\.\d+% \[')

def as_shown(text:str) -> str:
    "`text` as a terminal shows it once written: of each line redrawn with carriage returns, only its last state; a line left blank, or a bar stopped part way (the LR finder's), is dropped"
    out = []
    for line in text.split('\n'):
        segs = line.split('\r')
        if len(segs) > 1 and (not segs[-1].strip() or _BAR.match(segs[-1])): continue
        out.append(segs[-1])
    return '\n'.join(out)

def _as_shown_streams(cell):
    "After a cell runs: its stream outputs as a terminal shows them, the empty ones dropped"
    outs = []
    for o in cell.get('outputs', []):
        if o.get('output_type') == 'stream':
            o['text'] = as_shown(''.join(o['text'])).splitlines(True)
            if not ''.join(o['text']).strip(): continue
        outs.append(o)
    if cell.get('cell_type') == 'code': cell['outputs'] = outs

def run(fn:Path):
    start, cwd = time.time(), os.getcwd()
    os.chdir(fn.parent)  # as nbdev_test runs it: relative paths start at the notebook's folder
    try: CaptureShell(fn, mpl_format='png').execute(fn, fn, exc_stop=True, preproc=_skip, postproc=_as_shown_streams)
    finally: os.chdir(cwd)
    print(f"{fn.relative_to(ROOT)}: {time.time()-start:.0f} s, {fn.stat().st_size/1e6:.2f} MB", flush=True)

if __name__ == '__main__':
    nbs = [Path(a).resolve() for a in sys.argv[1:]] or sorted((ROOT/'nbs').glob('*.ipynb'))
    for fn in nbs: run(fn)
    subprocess.run([str(Path(sys.executable).parent/'nbdev_clean')], cwd=ROOT, check=True)
