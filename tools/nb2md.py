"""Write README.md from nbs/index.ipynb without Quarto (which `nbdev_readme` needs and this project cannot install).

Markdown cells are copied, code cells become ```python blocks followed by their text output, cells marked
`#| hide` are left out, and links relative to nbs/ (`](../x)`) are made relative to the repository root.
Usage: python tools/nb2md.py [nbs/index.ipynb] [README.md]"""
import json, re, sys
from pathlib import Path

def nb2md(nb_path) -> str:
    cells = json.loads(Path(nb_path).read_text())['cells']
    out = []
    for c in cells:
        src = ''.join(c['source']).strip('\n')
        if c['cell_type'] == 'markdown': out.append(re.sub(r'\]\(\.\./', '](', src))
        elif c['cell_type'] == 'code' and not re.search(r'^#\|\s*hide', src, re.M):
            lines = [l for l in src.split('\n') if not l.startswith('#|')]
            out.append('```python\n' + '\n'.join(lines) + '\n```')
            text = ''.join(''.join(o.get('text', '')) for o in c.get('outputs', []) if o.get('output_type') == 'stream')
            if text.strip(): out.append('```\n' + text.rstrip('\n') + '\n```')
    return '\n\n'.join(out) + '\n'

if __name__ == '__main__':
    src = sys.argv[1] if len(sys.argv) > 1 else 'nbs/index.ipynb'
    dest = sys.argv[2] if len(sys.argv) > 2 else 'README.md'
    Path(dest).write_text(nb2md(src))
