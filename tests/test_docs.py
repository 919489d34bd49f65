"The notebooks as documentation: every public name has its documentation rendered, and every cell that shows something was run."
import ast, importlib, inspect, json, re
from pathlib import Path
import pytest

NBS = Path(__file__).resolve().parents[1]/'nbs'

def cells(nb): return json.loads(nb.read_text())['cells']
def src(c): return ''.join(c['source'])
def flags(c): return set(re.findall(r'^#\|\s*(\w+)', src(c), re.M))
def modules():
    for nb in sorted(NBS.glob('*.ipynb')):
        m = next((re.search(r'#\|\s*default_exp\s+(\S+)', src(c)) for c in cells(nb) if 'default_exp' in src(c)), None)
        if m: yield nb, m.group(1)

def shown(nb) -> dict:
    "What each `show_doc(X)` cell of `nb` documents, and whether it has an output"
    return {m.group(1): bool(c.get('outputs')) for c in cells(nb) if c['cell_type'] == 'code'
            for m in [re.fullmatch(r'show_doc\(([\w\.]+)\)', src(c).strip())] if m}

def patched(nb) -> list:
    "`Class.method` for every `@patch`ed function the notebook exports"
    out = []
    for c in cells(nb):
        if c['cell_type'] == 'code' and re.match(r'#\|\s*export\s', src(c)):
            for n in ast.parse(src(c)).body:
                if isinstance(n, ast.FunctionDef) and any(ast.unparse(d) == 'patch' for d in n.decorator_list) and not n.name.startswith('_'):
                    out.append(f"{ast.unparse(n.args.args[0].annotation)}.{n.name}")
    return out

@pytest.mark.parametrize('nb,mod', list(modules()), ids=lambda o: getattr(o, 'name', o))
def test_every_public_name_documented(nb, mod):
    m = importlib.import_module(f's10fast.{mod}')
    docs, md = shown(nb), '\n'.join(src(c) for c in cells(nb) if c['cell_type'] == 'markdown')
    for name in m.__all__:
        o = getattr(m, name)
        if inspect.isfunction(o) or inspect.isclass(o):
            assert docs.get(name), f"{nb.name}: no show_doc({name}) cell with its output"
            assert inspect.getdoc(o), f"{mod}.{name} has no docstring"
            if inspect.isclass(o):
                for k, v in vars(o).items():
                    if inspect.isfunction(v) and not k.startswith('_') and v.__qualname__ == f'{o.__name__}.{k}':  # not aliases
                        assert docs.get(f'{name}.{k}'), f"{nb.name}: no show_doc({name}.{k}) cell with its output"
                        assert v.__doc__, f"{mod}.{name}.{k} has no docstring"
        else: assert f'`{name}`' in md, f"{nb.name}: the constant {name} is not described in the prose"
    for name in patched(nb): assert docs.get(name), f"{nb.name}: no show_doc({name}) cell with its output"

def _shows_something(code:str) -> bool:
    "Does a cell's code end in something that displays: an expression that is not a test, a plot, a print or show_doc?"
    body = ast.parse(code).body
    if not body: return False
    last = body[-1]
    calls = [ast.unparse(n.value.func) for n in body if isinstance(n, ast.Expr) and isinstance(n.value, ast.Call)]
    if any(re.fullmatch(r'plot_\w+|print|show_doc|(\w+\.)+show_batch|cifar_stats', c) for c in calls): return True
    if not isinstance(last, ast.Expr): return False
    call = last.value.func if isinstance(last.value, ast.Call) else None
    return not (call is not None and re.match(r'test_|with_|(\w+\.)*(no_bar|add_cb|remove_cb|save|unlink|rmtree|write_text|mkdir|init_process_group)', ast.unparse(call)))

@pytest.mark.parametrize('nb', sorted(NBS.glob('*.ipynb')), ids=lambda p: p.name)
def test_outputs_stored(nb):
    "Every cell that shows something was run and committed with its output, except cells marked `notest` (a GPU's work)"
    for i, c in enumerate(cells(nb)):
        if c['cell_type'] != 'code' or flags(c) & {'notest', 'export', 'exporti'} or 'nbdev_export(' in src(c): continue
        code = '\n'.join(l for l in src(c).split('\n') if not l.startswith('#|'))
        if _shows_something(code): assert c.get('outputs'), f"{nb.name}, cell {i}: no output stored for\n{code[:300]}"
