"Recipes from the command line: `--recipe` selects one, `s10fast compare` measures them side by side."
import json
from test_cli import s10fast

def test_compare_prints_a_table_and_writes_json(mini, tmp_path):
    out = tmp_path/'cmp.json'
    r = s10fast('compare', '--data', mini, '--seeds', 2, '--epochs', 2, '--width', 0.125, '--limit', 256, '--bs', 32, '--lr', 0.01, '--out', out)
    assert r.returncode == 0, r.stderr
    res = json.loads(out.read_text())
    assert [(x['recipe'], x['seed']) for x in res['runs']] == [('course', 0), ('course', 1), ('page', 0), ('page', 1)]
    assert all(0 <= x['accuracy'] <= 1 and 0 <= x['tta_accuracy'] <= 1 for x in res['runs'])
    lines = r.stdout.split('\n')
    assert any(l.startswith('course') and '±' in l for l in lines) and any(l.startswith('page') and '±' in l for l in lines)
    r = s10fast('compare', '--data', mini, '--out', out)
    assert r.returncode == 2 and 'already exists' in r.stderr

def test_course_recipe_from_the_command_line(mini, tmp_path):
    run = tmp_path/'run'
    r = s10fast('train', '--data', mini, '--recipe', 'course', '--epochs', 2, '--width', 0.125, '--limit', 256, '--bs', 32, '--lr', 0.01, '--out', run)
    assert r.returncode == 0, r.stderr
    assert json.loads((run/'config.json').read_text())['settings']['recipe'] == 'course'
    res = json.loads((run/'results.json').read_text())
    assert res['recipe'] == 'course' and 'tta_accuracy' not in res
    assert '(course recipe)' in r.stdout
    # model.pkl is the Learner without its data: it once took in the run (and its images) through a callback of the fit
    assert (run/'model.pkl').stat().st_size < 1_500_000, (run/'model.pkl').stat().st_size
