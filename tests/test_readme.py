"README.md is generated from nbs/index.ipynb by tools/nb2md.py and must not drift from it; its figures, and those of the measurement log (docs/results/README.md), are the results' files."
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOG = ROOT/'docs/results/README.md'

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
    "The accuracy tables are what `bench/accuracy.py report` makes of the JSON in docs/results: in the README the H200's grid of 29 Nov and the CPU's three seeds of `page` at a quarter of the width; in the measurement log the earlier grids, the JPEG cost measured small, and the CPU's other runs at an eighth and a quarter of the width, with the quarter's seconds and benchmark"
    import json, subprocess, sys
    full = ROOT/'docs/results/h200/full'
    readme, log = (ROOT/'README.md').read_text(), LOG.read_text()
    jpeg = ROOT/'docs/results/jpeg_cost'
    now = ('accuracy_auto_page_whole.json', 'accuracy_0.4_page.json', 'accuracy_0.8_page.json', 'accuracy_minimum_page.json', 'accuracy_valley_page.json',
           'accuracy_auto_course.json')
    for doc, files in ((readme, [full/f for f in now]), (log, [full/'nov28'/'accuracy_auto.json']),
                       (log, [full/'earlier'/f for f in ('accuracy_steep.json', 'accuracy_course_minimum.json', 'accuracy_page_0.4.json')]),
                       (log, [jpeg/'real.json']), (log, [jpeg/'jpeg.json']),
                       (log, [ROOT/'docs/results/cpu_full_w0125'/f for f in ('accuracy_auto_page.json', 'accuracy_auto_course.json')]),
                       (log, [ROOT/'docs/results/cpu_full_w025'/f for f in ('accuracy_auto_page.json', 'accuracy_auto_course.json')]),
                       (log, [ROOT/'docs/results/cpu_full_w025/seeds/accuracy_auto_s10fast.json']), (readme, [ROOT/'docs/results/cpu_full_w025/page3/accuracy_auto_page.json'])):
        r = subprocess.run([sys.executable, str(ROOT/'bench/accuracy.py'), 'report', *map(str, files)], capture_output=True, text=True, timeout=300)
        assert r.returncode == 0, r.stderr
        for table in r.stdout.strip().split('\n\n'):
            assert table in doc, f"A full-size table of {'README' if doc is readme else LOG} differs from the results; paste this into {'nbs/index.ipynb' if doc is readme else LOG}:\n{table}"
    runs = json.loads((ROOT/'docs/results/cpu_full_w025/page3/accuracy_auto_page.json').read_text())['runs']
    b = json.loads((ROOT/'docs/results/cpu_full_w025/page3/bench_w025_bs512.json').read_text())
    secs = {(r['impl'], r['seed']): f"{r['train_seconds']:.0f}" for r in runs}
    text = ' '.join(log.split())
    for x in (f"(seed 0: {secs['s10fast', 0]} s against {secs['plain', 0]}; seed 1: {secs['s10fast', 1]} against {secs['plain', 1]})",
              f"measured a median ratio of {b['ratio_median']:.2f} (rounds {min(b['ratios']):.2f} to {max(b['ratios']):.2f})"):
        assert x in text, f"The log's width-0.25 figures differ from docs/results/cpu_full_w025/page3: {x}"

def test_readme_seed_differences_are_the_results():
    "The README's per-seed differences between s10fast and the plain loop on the H200 are the grid's JSON"
    import json, statistics as st
    full = ROOT/'docs/results/h200/full'
    def diffs(f, k='accuracy'):
        by = {}
        for r in json.loads((full/f).read_text())['runs']: by.setdefault(r['seed'], {})[r['impl']] = r[k]*100
        return [round(v['s10fast'] - v['plain'], 2) for _, v in sorted(by.items())]
    d4, dp, dc = diffs('accuracy_0.4_page.json'), diffs('accuracy_auto_page_whole.json'), diffs('accuracy_auto_course.json')
    text = ' '.join((ROOT/'README.md').read_text().split())
    n = lambda x: f"{x:+.2f}".replace('-', '−')
    for x in (f"{-st.mean(d4):.2f} point lower, a little more than one standard deviation (seeds 0 and 1 ended {-d4[0]:.2f} and {-d4[1]:.2f} point lower, seed 2 level)",
              f"s10fast ended {n(min(dp))} to {n(max(dp))} point from the plain loop a seed for `page`, {n(min(dc))} to {n(max(dc))} for `course`"):
        assert x in text, f"README's per-seed differences differ from {full}: {x}"
    assert d4[2] == 0

def test_readme_cpu_summary_is_the_results():
    "The README's summary of the CPU at a quarter of the width (`page` against `course`; the fits and the benchmark with freed memory kept) is the files' figures"
    import json, statistics as st
    d, w = ROOT/'docs/results/cpu_malloc', ROOT/'docs/results/cpu_full_w025'
    acc = lambda f, recipe: [r['accuracy'] for r in json.loads((w/f).read_text())['runs'] if r['recipe'] == recipe and r['impl'] == 's10fast']
    page, course = acc('page3/accuracy_auto_page.json', 'page'), acc('seeds/accuracy_auto_s10fast.json', 'course')
    fits = {k: {r['impl']: r['train_seconds'] for r in json.loads((d/f'accuracy_{k}_w025_floats.json').read_text())['runs']} for k in ('page', 'course')}
    before = {k: r['train_seconds'] for k, r in json.loads((d/'whole_fit_before.json').read_text())['runs'].items()}
    b = json.loads((d/'bench_w025_bs512_floats.json').read_text())
    cl = [json.loads((ROOT/f'docs/results/cpu_channels_last/bench_w1_bs128_{k}.json').read_text()) for k in ('nchw', 'channels_last')]
    f, ratio = lambda k, i: f"{fits[k][i]:.0f}", lambda t: f"{t['plain']/t['s10fast']:.2f}"
    assert st.mean(page) - st.mean(course) > st.stdev(page) + st.stdev(course)
    text = ' '.join((ROOT/'README.md').read_text().split())
    for x in (f"`course` at this width reached {st.mean(course):.2%} ± {st.stdev(course)*100:.2f} over {['no', 'one', 'two', 'three'][len(course)]} seeds",
              f"so `page` beat it by {(st.mean(page) - st.mean(course))*100:.1f} points, more than both spreads together",
              f"since then {f('page', 's10fast')} s against the plain loop's {f('page', 'plain')} for seed 0",
              f"median ratio of {b['ratio_median']:.2f} (1 Dec 2026",
              f"trained in {f('page', 's10fast')} s against the plain loop's {f('page', 'plain')} (`page`, {ratio(fits['page'])}) and in "
              f"{f('course', 's10fast')} against {f('course', 'plain')} (`course`, {ratio(fits['course'])};",
              f"ran {st.median(cl[1]['s10fast_img_s'])/st.median(cl[0]['s10fast_img_s']):.2f} times as fast on it at full width",
              f"{ratio(before)} of the plain loop's speed over a `page` fit"):
        assert x in text, f"README's CPU summary differs from the results: {x}"

def test_log_cpu_malloc_figures_are_the_results():
    "The measurement log's table of one width-0.25 fit with glibc's defaults, with freed memory kept (65fa99a, withdrawn) and with it kept and the losses as floats (today's default), and the benchmarks after the last two, are the files' figures"
    import json
    d = ROOT/'docs/results/cpu_malloc'
    before = json.loads((d/'whole_fit_before.json').read_text())['runs']
    after, now = ({r['impl']: r for r in json.loads((d/f).read_text())['runs']} for f in ('accuracy_page_w025_reuse.json', 'accuracy_page_w025_floats.json'))
    b, c = (json.loads((d/f).read_text()) for f in ('bench_w025_bs512_reuse.json', 'bench_w025_bs512_floats.json'))
    secs = lambda r: f"{r['train_seconds']:.1f} ({min(r['train_seconds_per_epoch']):.1f}–{max(r['train_seconds_per_epoch']):.1f})"
    faults = lambda r: f"{min(r['page_faults_per_epoch']):,}–{max(r['page_faults_per_epoch']):,}"
    def first(r): pf = r['page_faults_per_epoch']; return f"{pf[0]:,} in the first, then {min(pf[1:]):,}–{max(pf[1:]):,}"
    ratio = lambda rs: f"{rs['plain']['train_seconds']/rs['s10fast']['train_seconds']:.2f}"
    acc = lambda rs: f"{rs['s10fast']['accuracy']:.2%} / {rs['plain']['accuracy']:.2%}"
    pf = before['plain']['page_faults_per_epoch']
    rows = [f"| s10fast: training s (an epoch) | {secs(before['s10fast'])} | {secs(after['s10fast'])} | {secs(now['s10fast'])} |",
            f"| plain loop: training s (an epoch) | {secs(before['plain'])} | {secs(after['plain'])} | {secs(now['plain'])} |",
            f"| ratio s10fast / plain over the fit | {ratio(before)} | {ratio(after)} | {ratio(now)} |",
            f"| s10fast: page faults an epoch | {faults(before['s10fast'])} | {faults(after['s10fast'])} | {first(now['s10fast'])} |",
            f"| plain loop: page faults an epoch | {pf[0]/1e6:.1f}, {pf[1]/1e6:.1f} and {pf[2]/1e6:.1f} million, then {min(pf[3:])}–{max(pf[3:])} | {faults(after['plain'])} | {first(now['plain'])} |",
            f"| test accuracy, s10fast / plain | {acc(before)} | {acc(after)} | {acc(now)} |"]
    log = LOG.read_text()
    for row in rows: assert row in log, f"The log's freed-memory table differs from docs/results/cpu_malloc: {row}"
    text = ' '.join(log.split())
    mem, ev = now['s10fast']['peak_memory_mb_per_epoch'], lambda r: f"{r['eval_seconds']:.1f}"
    for x in (f"measured a median ratio of {b['ratio_median']:.2f} (rounds {min(b['ratios']):.3f} to {max(b['ratios']):.3f}; `bench_w025_bs512_reuse.json`)",
              f"after the third, {c['ratio_median']:.2f} (rounds {min(c['ratios']):.3f} to {max(c['ratios']):.3f},",
              f"trained in {after['s10fast']['train_seconds']:.0f} s against {after['plain']['train_seconds']:.0f} ({ratio(after)})",
              f"seed 0 once more: {now['s10fast']['train_seconds']:.0f} s against {now['plain']['train_seconds']:.0f}, {ratio(now)};",
              f"peak memory was {mem[0]:,} MB after the first epoch, {min(mem[2:21]):,} to {max(mem[2:21]):,} MB from the third to the 21st and {mem[-1]:,} MB at the end",
              f"it evaluated in {ev(now['s10fast'])} s against the plain loop's {ev(now['plain'])}"):
        assert x in text, f"The log's freed-memory figures differ from docs/results/cpu_malloc: {x}"
    course = {r['impl']: r for r in json.loads((d/'accuracy_course_w025_floats.json').read_text())['runs']}
    grid = {r['impl']: r for r in json.loads((ROOT/'docs/results/cpu_full_w025/accuracy_auto_course.json').read_text())['runs']}
    mem, t = course['s10fast']['peak_memory_mb_per_epoch'], lambda rs, k: rs[k]['train_seconds']
    for x in (f"s10fast trained in {t(course, 's10fast'):.0f} s against {t(course, 'plain'):.0f} ({t(course, 'plain')/t(course, 's10fast'):.2f}) and evaluated in "
              f"{ev(course['s10fast'])} s against {ev(course['plain'])}, its peak memory {mem[5]:,} MB from the sixth epoch to the 23rd and {mem[-1]:,} MB at the end",
              f"had trained in {t(grid, 's10fast'):.0f} s against {t(grid, 'plain'):.0f} ({t(grid, 'plain')/t(grid, 's10fast'):.2f})",
              f"Its pick was {course['s10fast']['lr_max']:.3g} this time, {grid['s10fast']['lr_max']:.3g} then",
              f"the accuracies, {course['s10fast']['accuracy']:.2%} and {course['plain']['accuracy']:.2%},"):
        assert x in text, f"The log's course figures with freed memory kept differ from docs/results/cpu_malloc: {x}"
    assert len(set(mem[5:-1])) == 1

def test_log_cpu_channels_last_table_is_the_results():
    "The measurement log's table of channels-last on the CPU is the two benchmark runs' JSON: medians, ratios and projections as `bench/bench.py` printed them"
    import json, statistics
    d = [json.loads((ROOT/f'docs/results/cpu_channels_last/bench_w1_bs128_{k}.json').read_text()) for k in ('nchw', 'channels_last')]
    assert [o['settings']['channels_last'] for o in d] == [False, True]
    med = lambda o, k: statistics.median(o[k])
    (a, b), (c, e) = ([med(o, k) for o in d] for k in ('s10fast_img_s', 'plain_img_s'))
    (v0, v1), (p0, p1) = [med(o, 'eval_img_s') for o in d], [o['projected_24_epochs_s']['s10fast']/3600 for o in d]
    rows = [f"| s10fast, training images/s (median of 4 rounds) | {a:.1f} | {b:.1f} ({b/a:.2f}×) |",
            f"| plain loop, training images/s | {c:.1f} | {e:.1f} ({e/c:.2f}×) |",
            f"| ratio s10fast / plain (median) | {d[0]['ratio_median']:.2f} | {d[1]['ratio_median']:.2f} |",
            f"| evaluation images/s (`Learner.validate`) | {v0:.0f} | {v1:.0f} ({v1/v0:.2f}×) |",
            f"| projected 24 epochs of 50,000 images with evaluation, s10fast | {p0:.1f} h | {p1:.1f} h |"]
    log = LOG.read_text()
    for row in rows: assert row in log, f"The log's channels-last table differs from docs/results/cpu_channels_last: {row}"
    w = [json.loads((ROOT/f'docs/results/cpu_channels_last/bench_w0125_bs512_{k}.json').read_text()) for k in ('nchw', 'channels_last')]
    (f0, f1), (g0, g1) = ([med(o, k) for o in w] for k in ('s10fast_img_s', 'eval_img_s'))
    text = ' '.join(log.split())
    for s in (f"s10fast trained {f1:,.0f} against {f0:,.0f} images/s", f"ran {g1/g0:.2f} times as fast in that layout on this CPU ({g1:,.0f} against {g0:,.0f} images/s",
              f"fastai's item pipeline drew {w[1]['pipeline_img_s_per_worker']['s10fast']:,.0f} images/s a worker, the plain `Dataset` {w[1]['pipeline_img_s_per_worker']['plain']:,.0f}"):
        assert s in text, f"The log's channels-last figures at width 0.125 differ from docs/results/cpu_channels_last: {s}"

def test_log_cpu_channels_last_accuracy_is_the_results():
    "The measurement log's accuracy of channels-last against the default layout on the CPU is the six runs' results.json"
    import json, statistics as st
    d = ROOT/'docs/results/cpu_channels_last/mini_w025_e10'
    def summary(cl):
        rs = [json.loads((d/f'seed{s}_channels_last_{cl}/results.json').read_text()) for s in range(3)]
        ms = lambda k: f"{st.mean(r[k] for r in rs):.2%} ± {st.stdev(r[k] for r in rs)*100:.2f}"
        return ms('valid_accuracy'), ms('tta_accuracy'), f"{st.mean(r['train_seconds'] for r in rs):.1f} s", f"{st.mean(r['eval_seconds'] for r in rs):.1f} s"
    (a, ta, t, e), (b, tb, u, f) = summary('yes'), summary('no')
    text = ' '.join(LOG.read_text().split())
    for s in (f"channels-last reached {a} ({ta} with flip TTA) against {b} ({tb})", f"took {t} against {u} a run, evaluation {e} against {f}"):
        assert s in text, f"The log's channels-last accuracy differs from {d}: {s}"

def test_log_item_path_figures_are_the_results():
    "The measurement log's item-path figures are bench/item_cost.py's output and bench.py's JSON as saved in docs/results/cpu_item_path"
    import json, statistics as st
    d = ROOT/'docs/results/cpu_item_path'
    log = LOG.read_text()
    assert (d/'item_cost.txt').read_text().rstrip('\n') in log, "The log's item_cost output differs from docs/results/cpu_item_path/item_cost.txt"
    costs = lambda f: {l[:42].strip(): l[42:].split()[0] for l in (d/f).read_text().splitlines()}
    cost, more = costs('item_cost.txt'), [costs(f'item_cost_{i}.txt') for i in (2, 3)]
    earlier = (d/'earlier/item_cost.txt').read_text().splitlines()[0]
    runs = [json.loads((d/f).read_text()) for f in ('bench_w0125_bs512.json', 'bench_w0125_bs512_2.json')]
    old, mid = (json.loads((ROOT/f).read_text()) for f in ('docs/results/cpu_channels_last/bench_w0125_bs512_channels_last.json', 'docs/results/cpu_item_path/earlier/bench_w0125_bs512.json'))
    med = lambda o, k: f"{st.median(o[k]):,.0f}"
    pipe = lambda o, k: f"{o['pipeline_img_s_per_worker'][k]:,.0f}"
    ratios = [r for o in runs for r in o['ratios']]
    text = ' '.join(log.split())
    for s in (f"arrays: {earlier.split()[-2]} µs an image (`docs/results/cpu_item_path/earlier/item_cost.txt`)",
              f"drew about {float(cost['albumentations pipeline alone']) - float(cost['the same, its own random generator']):.0f} µs an image more",
              "`item_cost_3.txt`: {} and {} µs through `ArrayDL`, {} and {} through fastai's items".format(
                  *(c[k] for k in ('epoch, ArrayDL (batches from the arrays)', "epoch, fastai's items") for c in more)),
              f"median ratio of {runs[0]['ratio_median']:.2f} and {runs[1]['ratio_median']:.2f} to the plain loop (rounds {min(ratios):.2f} to {max(ratios):.2f})",
              f"{med(runs[0], 's10fast_img_s')} and {med(runs[1], 's10fast_img_s')} images/s against {med(runs[0], 'plain_img_s')} and {med(runs[1], 'plain_img_s')}",
              f"data alone came at {pipe(runs[0], 's10fast')} and {pipe(runs[1], 's10fast')} images/s a worker against the plain `Dataset`'s {pipe(runs[0], 'plain')} and {pipe(runs[1], 'plain')}",
              f"`Learner.validate` at {med(runs[0], 'eval_img_s')} and {med(runs[1], 'eval_img_s')} images/s",
              f"the ratio was {old['ratio_median']:.2f} and the data {pipe(old, 's10fast')} images/s a worker; after it (`docs/results/cpu_item_path/earlier/`), {mid['ratio_median']:.2f} and {pipe(mid, 's10fast')}"):
        assert s in text, f"The log's item-path figures differ from docs/results/cpu_item_path: {s}"
