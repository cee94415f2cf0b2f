"""`make bench`: runs every bench/bench_*.py and rewrites docs/benchmarks.md.

Each benchmark module has a `main()` that prints one markdown section. Targets are
checked here, by benchmarks, never by timed assertions in tests.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = next(int(x.split()[1]) for x in Path("/proc/meminfo").read_text().splitlines()
                      if x.startswith("MemTotal"))
        mem = f"{mem_kb / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration):
        mem = "unknown memory"
    return (f"{os.cpu_count()} cores ({cpu}), {mem}, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}")


def main() -> int:
    only = set(sys.argv[1:])
    modules = sorted(p.stem for p in (ROOT / "bench").glob("bench_*.py"))
    section_dir = ROOT / "docs" / "bench"
    section_dir.mkdir(parents=True, exist_ok=True)
    failed = []
    for name in modules:
        if only and name not in only:
            continue
        print(f"[bench] {name}", flush=True)
        result = subprocess.run([sys.executable, "-m", f"bench.{name}"], cwd=ROOT,
                                capture_output=True, text=True, timeout=3600,
                                env={**os.environ, "PYTHONPATH": str(ROOT)})
        now = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        if result.returncode != 0:
            failed.append(name)
            text = (f"## {name}\n\nFAILED (exit {result.returncode}) on {now}:\n\n```\n"
                    f"{result.stderr[-3000:]}\n```\n")
        else:
            text = f"{result.stdout.strip()}\n\n_Measured {now} on: {machine()}._\n"
        (section_dir / f"{name}.md").write_text(text, encoding="utf-8")
        print(text, flush=True)
    # Sections of benchmarks not run this time keep their last numbers and date.
    sections = [p.read_text(encoding="utf-8") for p in sorted(section_dir.glob("*.md"))]
    doc = ("# Benchmarks\n\nWritten by `make bench` (all) and `make bench-scale` (scale only). "
           "Each section says when and on which machine it was measured.\n\n"
           + "\n".join(sections))
    (ROOT / "docs" / "benchmarks.md").write_text(doc, encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
