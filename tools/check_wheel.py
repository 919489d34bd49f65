"""Check a built s10fast wheel: the package's modules and metadata (with the license) only, runtime requirements as ranges.

Usage: python tools/check_wheel.py dist/s10fast-*.whl"""
import re, sys, zipfile

def check(fn) -> list:
    "Problems with wheel `fn`, as lines (none when it is fine)"
    names = zipfile.ZipFile(fn).namelist()
    bad = [n for n in names if not (re.match(r's10fast/[A-Za-z_][A-Za-z0-9_]*\.py$', n) or re.match(r's10fast-[^/]+\.dist-info/', n))]
    problems = [f"{fn} holds {n}, which is not part of the package" for n in bad]
    if 's10fast/__init__.py' not in names: problems.append(f"{fn} has no s10fast/__init__.py")
    if not any(re.match(r's10fast-[^/]+\.dist-info/(licenses/)?LICENSE$', n) for n in names): problems.append(f"{fn} carries no LICENSE file (the repository's LICENSE)")
    meta = zipfile.ZipFile(fn).read(next(n for n in names if n.endswith('.dist-info/METADATA'))).decode()
    reqs = [l.split(':', 1)[1].strip() for l in meta.splitlines() if l.startswith('Requires-Dist:') and 'extra ==' not in l]
    problems += [f"runtime requirement {r} is pinned: use a range (exact pins are for development only)" for r in reqs if '==' in r]
    if not any(r.startswith('fastai') for r in reqs): problems.append("fastai is missing from the runtime requirements")
    ep = zipfile.ZipFile(fn).read(next(n for n in names if n.endswith('.dist-info/entry_points.txt'))).decode()
    if 's10fast = s10fast.cli:main' not in ep: problems.append("the s10fast command is missing from the entry points")
    return problems

if __name__ == '__main__':
    if len(sys.argv) != 2: sys.exit(__doc__)
    problems = check(sys.argv[1])
    for p in problems: print(p, file=sys.stderr)
    if problems: sys.exit(1)
    print(f"{sys.argv[1]}: {len(zipfile.ZipFile(sys.argv[1]).namelist())} files, package and metadata only; runtime requirements are ranges")
