"""Test accuracy of each recipe trained through s10fast and through a plain PyTorch loop, side by side, over several seeds.

For every recipe and seed it trains the ResNet from the same initial weights, on the same data, batch size, precision and
memory layout, twice:

- **s10fast**: `get_dls`, `get_learner`, the LR finder's pick unless `--lr` is a number (by default `auto`, the recipe's
  `lr_rule`: `fall_end` for `page`, `steep_floor` for `course`; or a suggestion by name: `steep`, the course's steepest
  slope, `minimum` or `valley`), `fit_recipe` with fastai's eager step
  (`whole_step=False`; s10fast's default on CUDA is the whole step for `page`, below), and flip TTA where the recipe
  evaluates with it.
- **plain**: the same recipe written as the course's notebook was: the images in a torch `Dataset` applying the recipe's
  albumentations pipeline and a torch `DataLoader` (on the CPU), or, on a GPU, uint8 images on the device augmented there
  by `BatchCifarAug` (as single-file trainers do, and as s10fast does there); `torch.optim.Adam` or `torch.optim.SGD`, and
  torch's `OneCycleLR` with the recipe's schedule; `torch.autocast` and channels-last weights where s10fast uses them. It
  takes the peak LR that the s10fast run of the same recipe and seed used, so that the two differ only in implementation.
- **whole_step** (when `--impls` names it): s10fast again with `whole_step=True`, each training batch one call of a
  `CapturedStep` (one CUDA graph on a GPU), at the peak LR of the s10fast run of the same recipe and seed, so that the two
  differ only in the step: on the CPU the step is eager and the two runs agree to the last bit.
- **compiled** (when `--impls` names it): s10fast again as `s10fast train --compile` runs, at the same peak LR: the model
  compiled (`torch.compile`, before anything is timed; `compile_seconds` apart), inside the step s10fast takes by default
  (the whole step for `page` on CUDA, the eager step elsewhere), so that compiling's effect on accuracy shows against the
  eager s10fast run and the plain loop on the same seeds.

On the CPU the plain loop trains within `reuse_freed_memory`, as s10fast's `Learner` does there (`ReuseFreedMemory`), so
that both sides allocate alike.

Each run records test accuracy (plain, and with flip TTA where the recipe uses it), the peak LR and how it was chosen
(with the LR finder's suggestions and its curve), training seconds, in all and per epoch, with the process's page faults
during each epoch's training and its peak memory at each epoch's end, and evaluation seconds (the evaluation after each
epoch; the TTA pass apart). The JSON (`--out`, refused if it exists) is rewritten after every run, so a run cut short
keeps what finished.

    python bench/accuracy.py --data DIR --out acc.json                 # course and page, s10fast and plain, 3 seeds, 24 epochs
    python bench/accuracy.py --data DIR --recipes page --impls s10fast --lr 0.4 --out page04.json
    python bench/accuracy.py --data DIR --recipes page --impls s10fast,whole_step,plain --out whole.json  # the recorded step too
    python bench/accuracy.py --data DIR --recipes page --impls s10fast,compiled,plain --out compiled.json  # and compiled
    python bench/accuracy.py report acc.json page04.json --fig acc.png --lr_fig lr.png   # mean ± std table and figures

The report groups runs by recipe, implementation and peak LR choice; a run at the peak LR of an s10fast run stays with the
file it came in, and a range test recorded in several files (the same seed's, for another rule) counts once.
"""
import argparse, contextlib, json, os, platform, random, statistics, sys, time
from collections import defaultdict
from pathlib import Path

import numpy as np

IMPLS = ('s10fast', 'whole_step', 'compiled', 'plain')
NAMES = {'s10fast': 's10fast', 'whole_step': 's10fast, whole step', 'compiled': 's10fast, compiled', 'plain': 'plain'}  # in tables and figures
COLOURS = {'s10fast': 'C0', 'plain': 'C1', 'whole_step': 'C2', 'compiled': 'C3'}
_STEPS = {'s10fast': dict(whole_step=False), 'whole_step': dict(whole_step=True), 'compiled': dict(whole_step=None, compile=True)}  # Run's settings
RULES = ('fall_end', 'steep_floor', 'steep', 'minimum', 'valley')  # the LR finder's suggestions (`suggest_lr`); lr='auto' takes the recipe's `lr_rule`

def _sync(device):
    import torch
    if device.type == 'cuda': torch.cuda.synchronize(device)

def _usage():
    "This process's resource usage (None without the `resource` module: on Windows)"
    try: import resource
    except ImportError: return None
    return resource.getrusage(resource.RUSAGE_SELF)

def _faults(since:int=0):
    "Minor page faults of this process since the count `since` (0: since it started; None without `_usage`)"
    return None if (u := _usage()) is None else u.ru_minflt - since

def _peak_mb():
    "This process's peak resident memory so far, in MB (None without `_usage`)"
    return None if (u := _usage()) is None else u.ru_maxrss // 1024  # KiB on Linux

def _epoch_costs():
    "A `PhaseTimer` for `Run` that also keeps each epoch's training seconds, page faults and the peak memory at its end, in `epochs`"
    from s10fast.run import PhaseTimer
    class EpochCosts(PhaseTimer):
        def before_fit(self): self.epochs = []
        def before_train(self):
            self.secs0, self.faults0 = self.secs['train'], _faults()
            super().before_train()
        def after_train(self):
            super().after_train()
            self.epochs.append((self.secs['train'] - self.secs0, _faults(self.faults0), _peak_mb()))
    return EpochCosts()

def _per_epoch(epochs):
    "A run's record of each epoch's training seconds, page faults and peak memory, from (seconds, faults, MB) tuples"
    return dict(zip(('train_seconds_per_epoch', 'page_faults_per_epoch', 'peak_memory_mb_per_epoch'), map(list, zip(*epochs))))

def _write_json(fn:Path, o):
    from s10fast.checkpoint import write_atomic
    write_atomic(fn, lambda f: f.write((json.dumps(o, indent=1) + '\n').encode()))

# ---------------------------------------------------------------------------------------------------------------- runs
def s10fast_run(cifar, recipe, seed, lr, a, device, impl='s10fast'):
    "Train one run through s10fast (a `Run` kept in memory) with `impl`'s step; `whole_step` and `compiled` at the peak LR `lr` of the s10fast run they repeat; its record"
    from s10fast.run import Run
    run = Run(data=cifar, epochs=a.epochs, bs=a.bs, lr=lr, seed=seed, width=a.width, workers=a.workers, device=device, recipe=recipe,
              batch_aug=a.batch_aug, precision=a.precision, channels_last=a.channels_last, quiet=True, **_STEPS[impl])
    run.timer = _epoch_costs()
    r = run.go()
    hist = run.learn.recorder.history()
    rec = dict(recipe=recipe, impl=impl, seed=seed, precision=run.resolved['precision'], whole_step=run.resolved['whole_step'],
               channels_last=run.resolved['channels_last'], aug='batch' if run.resolved['batch_aug'] else 'item',
               lr_rule=r['lr_rule'] if impl == 's10fast' else 'as s10fast', lr_max=float(r['lr_max']), accuracy=r['valid_accuracy'],
               valid_accuracy_per_epoch=[h['valid_accuracy'] for h in hist], final_train_loss=hist[-1]['train_loss'],
               train_seconds=r['train_seconds'], eval_seconds=r['eval_seconds'],
               **_per_epoch(run.timer.epochs))
    if run.lr_find is not None: rec['lr_find'] = {k: v for k, v in run.lr_find.items() if k != 'used'}
    if 'tta_accuracy' in r: rec.update(tta_accuracy=r['tta_accuracy'], tta_seconds=r['tta_seconds'])
    for k in ('capture_seconds', 'compile_seconds'):
        if k in r: rec[k] = r[k]
    return rec

def plain_run(cifar, recipe, seed, lr_max, a, device, precision, channels_last, batch_aug):
    "Train one run of the same recipe in a plain PyTorch loop, as the course's notebook was written; its record"
    import torch, torch.nn.functional as F
    from torch.optim.lr_scheduler import OneCycleLR
    from s10fast import ResNet9, channel_stats, cifar_augs
    from s10fast.recipes import get_recipe
    from s10fast.batch_aug import BatchCifarAug
    from s10fast.speed import reuse_freed_memory
    from bench import _Items, _DeviceBatches  # bench/bench.py, beside this script

    r = get_recipe(recipe)
    torch.manual_seed(seed); np.random.seed(seed); random.seed(seed)
    model = ResNet9(width=a.width).to(device)
    if channels_last: model = model.to(memory_format=torch.channels_last)
    st = channel_stats(cifar.train_x)
    if batch_aug:
        train_dl = _DeviceBatches(cifar, a.bs, device, BatchCifarAug(st.mean, st.std, cutout=r.cutout, cutout_p=r.cutout_p))
    else:
        aug = cifar_augs(st.mean, st.std, cutout=r.cutout, cutout_p=r.cutout_p)[0]
        aug.set_random_seed(seed)  # albumentations draws from a generator of its own, which np.random.seed does not reach
        train_dl = torch.utils.data.DataLoader(_Items(cifar.train_x, cifar.train_y, aug), batch_size=a.bs, shuffle=True, drop_last=True,
                                               num_workers=a.workers or 0, pin_memory=device.type == 'cuda')
    mean, std = (torch.tensor(v, dtype=torch.float32).view(1, -1, 1, 1) for v in (st.mean, st.std))
    layout = torch.channels_last if channels_last else torch.contiguous_format  # the permuted array is channels-last: evaluate in the layout it trains in
    test_x = ((torch.from_numpy(cifar.test_x).permute(0, 3, 1, 2).float()/255 - mean)/std).contiguous(memory_format=layout).to(device)
    test_y = torch.from_numpy(cifar.test_y).to(device)
    if r.opt == 'adam': opt = torch.optim.Adam(model.parameters(), lr=lr_max, betas=(r.moms[0], 0.999), eps=1e-8, weight_decay=r.wd)
    else: opt = torch.optim.SGD(model.parameters(), lr=lr_max, momentum=r.moms[0], nesterov=True, weight_decay=r.wd)
    sched = OneCycleLR(opt, max_lr=lr_max, total_steps=a.epochs*len(train_dl), pct_start=r.pct_start, anneal_strategy='linear',
                       div_factor=r.div, final_div_factor=r.final_div, three_phase=False,
                       cycle_momentum=r.moms[0] != r.moms[1], base_momentum=r.moms[1], max_momentum=r.moms[0])
    dtype = {'bf16': torch.bfloat16, 'fp16': torch.float16}.get(precision)
    amp = lambda: torch.autocast(device.type, dtype=dtype, enabled=dtype is not None)
    scaler = torch.amp.GradScaler(device.type, enabled=precision == 'fp16')

    @torch.no_grad()
    def probs(flip=False):
        model.eval()
        out = []
        for i in range(0, len(test_x), 2*a.bs):
            x = test_x[i:i+2*a.bs]
            with amp(): out.append(F.softmax(model(x.flip(-1) if flip else x).float()*r.logit_scale, dim=-1))
        return torch.cat(out)

    accs, eval_secs, epochs = [], 0., []
    with reuse_freed_memory() if device.type == 'cpu' else contextlib.nullcontext():  # as s10fast's Learner on the CPU
        _sync(device); t0 = time.perf_counter()
        for epoch in range(a.epochs):
            te, f0 = time.perf_counter(), _faults()
            model.train()
            loss_sum, n = torch.zeros((), device=device), 0
            for x, y in train_dl:
                x, y = x.to(device, non_blocking=True), y.to(device, non_blocking=True)
                with amp(): loss = F.cross_entropy(model(x)*r.logit_scale, y, label_smoothing=r.label_smoothing)  # the recipe's logit scale, as in Page's code
                opt.zero_grad(set_to_none=True)
                scaler.scale(loss).backward(); scaler.step(opt); scaler.update()
                sched.step()
                loss_sum += loss.detach().float(); n += 1
            _sync(device); t, f = time.perf_counter(), _faults(f0)
            epochs.append((t - te, f, _peak_mb()))
            accs.append(float((probs().argmax(1) == test_y).float().mean()))
            _sync(device); eval_secs += time.perf_counter() - t
        secs = time.perf_counter() - t0
    rec = dict(recipe=recipe, impl='plain', seed=seed, precision=precision, channels_last=channels_last, aug='batch' if batch_aug else 'item',
               lr_rule='as s10fast', lr_max=float(lr_max), accuracy=accs[-1], valid_accuracy_per_epoch=accs,
               final_train_loss=float(loss_sum)/max(n, 1), train_seconds=secs - eval_secs, eval_seconds=eval_secs,
               **_per_epoch(epochs))
    if r.tta:
        t = time.perf_counter()
        p = (probs() + probs(flip=True))/2
        rec.update(tta_accuracy=float((p.argmax(1) == test_y).float().mean()), tta_seconds=time.perf_counter() - t)
    return rec

def run(argv):
    p = argparse.ArgumentParser(prog='accuracy.py', description=__doc__.split('\n')[0])
    p.add_argument('--data', default=None, help='CIFAR-10 folder: cifar-10-batches-py or train/ and test/ image folders (default: $S10FAST_DATA)')
    p.add_argument('--recipes', default='course,page', help='comma-separated recipes')
    p.add_argument('--impls', default='s10fast,plain', help='comma-separated implementations: s10fast, then any of whole_step, compiled and plain (they take its peak LR)')
    p.add_argument('--seeds', type=int, default=3, help='runs per recipe and implementation, with seeds 0, 1, …')
    p.add_argument('--epochs', type=int, default=24)
    p.add_argument('--width', type=float, default=1., help='ResNet channel multiplier (1: the full model)')
    p.add_argument('--bs', type=int, default=512)
    p.add_argument('--lr', default='auto', help=f"peak LR: a number, or the LR finder's suggestion to take: auto (the recipe's), {', '.join(RULES)}")
    p.add_argument('--device', default=None, help='cpu or cuda (default: CUDA when available)')
    p.add_argument('--workers', type=int, default=None, help="DataLoader workers (default: s10fast's for the device)")
    p.add_argument('--precision', default=None, choices=('fp32', 'bf16', 'fp16'), help='default: bf16 on CUDA, fp32 on the CPU')
    p.add_argument('--out', required=True, help='JSON file to write (refused if it exists)')
    a = p.parse_args(argv)
    recipes, impls = [s.strip() for s in a.recipes.split(',') if s.strip()], [s.strip() for s in a.impls.split(',') if s.strip()]
    if not set(impls) <= set(IMPLS) or impls[0] != 's10fast': p.error(f"--impls {a.impls} is invalid: use s10fast first, then any of whole_step, compiled and plain")
    if a.lr not in ('auto', *RULES):
        try: assert float(a.lr) > 0
        except (ValueError, AssertionError): p.error(f"--lr {a.lr} is invalid: a positive number, auto or one of {', '.join(RULES)}")
    if a.seeds < 1 or a.epochs < 1: p.error('--seeds and --epochs must be at least 1')
    out = Path(a.out)
    if out.exists(): p.error(f"{out} already exists; choose another --out")
    out.parent.mkdir(parents=True, exist_ok=True)
    probe = out.with_name(out.name + '.tmp')
    probe.write_text(''); probe.unlink()  # fail now, not after the first run, if it cannot be written

    import torch, fastai
    from s10fast import load_cifar10
    from s10fast.recipes import get_recipe
    for n in recipes:
        if 'whole_step' in impls and len(set(get_recipe(n).moms)) > 1:
            p.error(f"--impls whole_step records the step with the momentum fixed, and recipe {n} moves it: use --recipes page, or leave whole_step out")
    device = torch.device(a.device or ('cuda' if torch.cuda.is_available() else 'cpu'))
    a.batch_aug, a.channels_last = None, None  # s10fast's defaults for the device
    t = time.perf_counter()
    cifar = load_cifar10(a.data)
    load_secs = time.perf_counter() - t
    print(f"{len(cifar.train_x):,} training and {len(cifar.test_x):,} test images loaded in {load_secs:.1f} s", flush=True)
    res = dict(settings=dict(data=str(a.data), train_images=len(cifar.train_x), test_images=len(cifar.test_x), load_seconds=load_secs,
                             recipes=recipes, impls=impls, seeds=a.seeds, epochs=a.epochs, width=a.width, bs=a.bs, lr=a.lr, device=str(device),
                             device_name=torch.cuda.get_device_name(device) if device.type == 'cuda' else platform.processor() or platform.machine(),
                             cpus=os.cpu_count(), torch=torch.__version__, fastai=fastai.__version__),
               runs=[])
    def record(rec):
        "Keep `rec` in the JSON at once, so that a grid cut short keeps every run that finished; say it"
        res['runs'].append(rec)
        _write_json(out, res)
        tta = f", flip TTA {rec['tta_accuracy']:.4f}" if 'tta_accuracy' in rec else ''
        print(f"{rec['recipe']:<7}{rec['impl']:<11} seed {rec['seed']}: accuracy {rec['accuracy']:.4f}{tta}, peak LR {rec['lr_max']:.3g} ({rec['lr_rule']}), "
              f"train {rec['train_seconds']:.1f} s, eval {rec['eval_seconds']:.2f} s" +
              (f", compiled in {rec['compile_seconds']:.1f} s" if 'compile_seconds' in rec else ''), flush=True)
        return rec
    for seed in range(a.seeds):
        for recipe in recipes:
            fast = record(s10fast_run(cifar, recipe, seed, a.lr, a, device))
            for i in ('whole_step', 'compiled'):
                if i in impls: record(s10fast_run(cifar, recipe, seed, fast['lr_max'], a, device, impl=i))
            if 'plain' in impls: record(plain_run(cifar, recipe, seed, fast['lr_max'], a, device, fast['precision'], fast['channels_last'], fast['aug'] == 'batch'))
    print(table(res['runs']))
    return res

# -------------------------------------------------------------------------------------------------------------- report
def _ms(xs, fmt='{:.2%}'):
    if not xs: return '–'
    return fmt.format(statistics.mean(xs)) + (' ± ' + fmt.format(statistics.stdev(xs)).rstrip('%') if len(xs) > 1 else '')

def groups(runs) -> dict:
    "Runs grouped by (recipe, implementation, how the peak LR was chosen), in order of first appearance; a run at its s10fast run's LR, by that run's choice"
    g = defaultdict(list)
    for r in runs:
        rule = r['lr_rule'] if r['lr_rule'] != 'given' else f"{r['lr_max']:g}"
        if rule == 'as s10fast' and 'follows' in r: rule = (rule, r['follows'])  # one file's --lr: its plain runs apart from another file's
        g[(r['recipe'], r['impl'], rule)].append(r)
    return g

def _shown(rule): return rule[0] if isinstance(rule, tuple) else rule

def table(runs) -> str:
    "Markdown table of mean ± std (sample std over seeds) per recipe, implementation and LR choice"
    rows = ["| recipe | implementation | peak LR | = today's auto | runs | test accuracy | with flip TTA | train s/run | eval s/run |",
            '|---|---|---|---|---|---|---|---|---|']
    auto = auto_picks(runs)
    for (recipe, impl, rule), rs in groups(runs).items():
        same = [abs(auto[k]/r['lr_max'] - 1) < 1e-6 for r in rs if (k := (r['recipe'], r['seed'], r['lr_max'])) in auto]
        lrs = [r['lr_max'] for r in rs]
        lr = f"{rule}: {min(lrs):.3g}" + (f"–{max(lrs):.3g}" if max(lrs) > min(lrs) else '') if rule in RULES else _shown(rule)
        tta = [r['tta_accuracy'] for r in rs if 'tta_accuracy' in r]
        rows.append(f"| `{recipe}` | {NAMES[impl]} | {lr} | {f'{sum(same)} of {len(rs)}' if same else '–'} | {len(rs)} | {_ms([r['accuracy'] for r in rs])} | {_ms(tta)} | "
                    f"{statistics.mean(r['train_seconds'] for r in rs):.1f} | {statistics.mean(r['eval_seconds'] for r in rs):.2f} |")
    return '\n'.join(rows)

def suggestions(f:dict, num_it:int=200) -> dict:
    "The LR finder's suggestions recomputed from the curve of recorded range test `f`, on the points `Learner.lr_find` uses"
    import torch
    from s10fast.lr_find import steep_floor, fall_end  # before fastai, whose import warns about code s10fast never calls
    from fastai.callback.schedule import steep, valley, minimum
    lrs, losses = torch.tensor(f['lrs'][num_it//10:-5]), torch.tensor(f['losses'][num_it//10:-5])
    nan = torch.isnan(losses).nonzero()
    if len(nan): lrs, losses = lrs[:nan.min()], losses[:nan.min()]
    return {fn.__name__: float(fn(lrs, losses, num_it)[0]) for fn in (fall_end, steep_floor, steep, minimum, valley)}

def auto_rule(recipe:str) -> str:
    "The suggestion `lr='auto'` takes for `recipe` today"
    from s10fast.recipes import get_recipe
    return get_recipe(recipe).lr_rule

def auto_picks(runs) -> dict:
    "What `lr='auto'` picks today on each recorded range test, by (recipe, seed, the peak LR the run took)"
    return {(r['recipe'], r['seed'], r['lr_max']): suggestions(r['lr_find'])[auto_rule(r['recipe'])] for r in runs if 'lr_find' in r}

def range_tests(runs) -> list:
    "The runs with a recorded range test, each test once (runs given a peak LR by rule, on the seeds of another file, repeat its tests)"
    seen = set()
    return [r for r in runs if 'lr_find' in r and not ((k := (r['recipe'], tuple(r['lr_find']['losses']))) in seen or seen.add(k))]

def lr_table(runs) -> str:
    "Markdown table of the LR finder's suggestions per recipe over all recorded range tests"
    by = defaultdict(list)
    for r in range_tests(runs): by[r['recipe']].append(suggestions(r['lr_find']))
    rows = ['| recipe | range tests | ' + ' | '.join(f'`{k}`' for k in RULES) + " | today's auto |",
            '|---|---|' + '---|'*len(RULES) + '---|']
    for recipe, ss in by.items():
        cells = []
        for k in RULES:
            v = [x[k] for x in ss]
            cells.append(f"{min(v):.3g}–{max(v):.3g} ({max(v)/min(v):.1f}×)")
        rows.append(f"| `{recipe}` | {len(ss)} | " + ' | '.join(cells) + f" | `{auto_rule(recipe)}` |")
    return '\n'.join(rows)

def plot_runs(runs, fname, title=''):
    "Test accuracy of every run (dots; hollow: with flip TTA), grouped by recipe, implementation and LR choice, means as bars"
    import matplotlib; matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    g = groups(runs)
    fig, ax = plt.subplots(figsize=(max(6, 1.25*len(g)) + 1.8, 4.2))
    for i, ((recipe, impl, rule), rs) in enumerate(g.items()):
        c = COLOURS[impl]
        acc = [100*r['accuracy'] for r in rs]
        ax.scatter([i - 0.1]*len(acc), acc, color=c, zorder=3)
        ax.hlines(statistics.mean(acc), i - 0.3, i + 0.1, color=c)
        tta = [100*r['tta_accuracy'] for r in rs if 'tta_accuracy' in r]
        if tta:
            ax.scatter([i + 0.15]*len(tta), tta, facecolors='none', edgecolors=c, zorder=3)
            ax.hlines(statistics.mean(tta), i + 0.05, i + 0.3, color=c, linestyles='dotted')
    ax.set_xticks(range(len(g)), [f"{recipe}\n{NAMES[impl]}\nLR {_shown(rule)}" for recipe, impl, rule in g], fontsize=8)
    ax.set_ylabel('test accuracy (%)')
    present, labels = {i for _, i, _ in g}, {**NAMES, 'plain': 'plain PyTorch loop'}
    for impl in IMPLS:
        if impl in present: ax.scatter([], [], color=COLOURS[impl], label=labels[impl])
    ax.scatter([], [], facecolors='none', edgecolors='gray', label='with flip TTA')
    ax.legend(loc='upper left', bbox_to_anchor=(1.01, 1), fontsize=8); ax.grid(axis='y', alpha=0.3)  # beside the axes: it hides no run
    ax.set_title(title, fontsize=9)
    fig.tight_layout(); fig.savefig(fname, dpi=90); plt.close(fig)

def plot_lr_tests(runs, fname, title=''):
    "Every range test's smoothed loss per recipe, with the steepest-slope (circles) and today's auto (triangles) picks"
    import matplotlib; matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    runs = range_tests(runs)
    recipes = list(dict.fromkeys(r['recipe'] for r in runs))
    fig, axs = plt.subplots(1, len(recipes), figsize=(5.5*len(recipes), 4), squeeze=False)
    for ax, recipe in zip(axs[0], recipes):
        for r in (x for x in runs if x['recipe'] == recipe):
            f, c = r['lr_find'], f"C{r['seed'] % 10}"
            lrs, losses = np.array(f['lrs'][:-5]), np.array(f['losses'][:-5])
            ax.plot(lrs, losses, color=c, alpha=0.6, lw=1)
            sugg = suggestions(f)
            for k, m in (('steep', 'o'), (auto_rule(recipe), '^')):
                ax.plot(sugg[k], np.interp(np.log(sugg[k]), np.log(lrs), losses), m, color=c, mfc='none' if k == 'steep' else c, ms=8)
        ax.set_xscale('log'); ax.set_xlabel('learning rate'); ax.set_ylabel('loss (smoothed)'); ax.set_title(f'{recipe} (colour: seed)', fontsize=10)
        ax.plot([], [], 'ko', mfc='none', label='steep (the course)'); ax.plot([], [], 'k^', label=f"{auto_rule(recipe)} (s10fast's auto)"); ax.legend(fontsize=8)
    fig.suptitle(title, fontsize=9); fig.tight_layout(); fig.savefig(fname, dpi=90); plt.close(fig)

def report(argv):
    p = argparse.ArgumentParser(prog='accuracy.py report', description='Tables and figures from the JSON of one or more runs of accuracy.py')
    p.add_argument('json', nargs='+')
    p.add_argument('--fig', default=None, help='PNG of every run')
    p.add_argument('--lr_fig', default=None, help="PNG of every range test with its picks")
    a = p.parse_args(argv)
    res = [json.loads(Path(f).read_text()) for f in a.json]
    runs = [{**r, 'follows': x['settings'].get('lr')} for x in res for r in x['runs']]
    s = res[0]['settings']
    title = (f"{s['device_name']}; {s['train_images']:,} training, {s['test_images']:,} test images; width {s['width']:g}, "
             f"{s['epochs']} epochs, batch {s['bs']}")
    print(table(runs))
    if any('lr_find' in r for r in runs): print(); print(lr_table(runs))  # none where every peak LR was given
    if a.fig: plot_runs(runs, a.fig, title)
    if a.lr_fig: plot_lr_tests(runs, a.lr_fig, title)

if __name__ == '__main__':
    argv = sys.argv[1:]
    if argv and argv[0] == 'report': report(argv[1:])
    else: run(argv)
