"""What the benchmarks share: timing, goals, process-tree memory, the machine, the command."""

from __future__ import annotations

import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "data" / "raw" / "bozhou-2024-50.html"
"""The page every benchmark parses (or varies)."""

TIMES = "\u00d7"  # the multiplication sign, as in "a ratio of 1.5 times"


@dataclass(frozen=True)
class Row:
    """One line of the results table: a measurement, its baseline, their ratio and the goal."""

    name: str
    measured: str
    baseline: str
    ratio: float | None
    goal: str = ""
    met: bool | None = None
    note: str = ""
    cpu_ratio: float | None = None
    """The same ratio of CPU times: on a busy machine it shows what the wall-time ratio hides."""

    @property
    def ratio_text(self) -> str:
        return f"{self.ratio:.2f}{TIMES}" if self.ratio is not None else "-"

    @property
    def cpu_ratio_text(self) -> str:
        return f"{self.cpu_ratio:.2f}{TIMES}" if self.cpu_ratio is not None else "-"

    @property
    def verdict(self) -> str:
        return {True: "met", False: "MISSED", None: ""}[self.met]


def ratio_row(
    name: str,
    measured: float,
    baseline: float,
    *,
    baseline_name: str,
    measured_name: str = "",
    at_most: float | None = None,
    at_least: float | None = None,
    unit: str = "ms",
    note: str = "",
    cpu: tuple[float, float] | None = None,
) -> Row:
    """A row whose ratio is measured / baseline, checked against `at_most` or `at_least`.

    `cpu` is (measured, baseline) in CPU seconds, for the CPU-time ratio beside the wall-time one.
    """
    ratio = measured / baseline if baseline else float("inf")
    goal, met = "", None
    if at_most is not None:
        goal, met = f"≤ {at_most:g}{TIMES}", ratio <= at_most
    elif at_least is not None:
        goal, met = f"≥ {at_least:g}{TIMES}", ratio >= at_least
    return Row(
        name=name,
        measured=f"{measured_name} {_amount(measured, unit)}".strip(),
        baseline=f"{baseline_name} {_amount(baseline, unit)}",
        ratio=ratio,
        goal=goal,
        met=met,
        note=note,
        cpu_ratio=(cpu[0] / cpu[1] if cpu[1] else None) if cpu is not None else None,
    )


def _amount(value: float, unit: str) -> str:
    if unit == "ms":
        return f"{value * 1000:.1f} ms"
    if unit == "MiB":
        return f"{value / 2**20:.0f} MiB"
    return f"{value:.1f} {unit}"


def warm_medians(functions: dict[str, Callable[[], object]], runs: int, warmup: int = 2) -> dict[str, float]:
    """Median wall time in seconds of each function over `runs` calls, after `warmup` calls.

    The functions take turns (one call of each per round), so a noisy moment on the
    machine falls on all of them alike and the ratios stay fair.
    """
    for function in functions.values():
        for _ in range(warmup):
            function()
    times: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(runs):
        for name, function in functions.items():
            start = time.perf_counter()
            function()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


@dataclass(frozen=True)
class Timing:
    """Median wall time and median CPU time of repeated runs, in seconds."""

    wall: float
    cpu: float


def warm_timings(functions: dict[str, Callable[[], object]], runs: int, warmup: int = 2) -> dict[str, Timing]:
    """Like `warm_medians`, with the median CPU time of this process beside the wall time."""
    for function in functions.values():
        for _ in range(warmup):
            function()
    walls: dict[str, list[float]] = {name: [] for name in functions}
    cpus: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(runs):
        for name, function in functions.items():
            cpu, start = time.process_time(), time.perf_counter()
            function()
            walls[name].append(time.perf_counter() - start)
            cpus[name].append(time.process_time() - cpu)
    return {name: Timing(statistics.median(walls[name]), statistics.median(cpus[name])) for name in functions}


def cold_timings(
    commands: dict[str, Sequence[str]],
    runs: int,
    cwd: Path | None = None,
    warmup: int = 1,
    env: dict[str, str] | None = None,
) -> dict[str, Timing]:
    """Like `cold_medians`, with the median CPU time of each fresh process beside the wall time."""
    for command in commands.values():
        for _ in range(warmup):
            _run(command, cwd, env)
    walls: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            before = _cpu(resource.getrusage(resource.RUSAGE_CHILDREN))
            start = time.perf_counter()
            _run(command, cwd, env)
            walls[name].append(time.perf_counter() - start)
            cpus[name].append(_cpu(resource.getrusage(resource.RUSAGE_CHILDREN)) - before)
    return {name: Timing(statistics.median(walls[name]), statistics.median(cpus[name])) for name in commands}


def cold_medians(
    commands: dict[str, Sequence[str]], runs: int, cwd: Path | None = None, warmup: int = 1
) -> dict[str, float]:
    """Median wall time in seconds of each command as a fresh process, taking turns like `warm_medians`.

    The untimed `warmup` runs fill the OS file cache: "cold" means a new Python process,
    not a disk read.
    """
    for command in commands.values():
        for _ in range(warmup):
            _run(command, cwd)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            start = time.perf_counter()
            _run(command, cwd)
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def bytecode_cache(directory: Path) -> dict[str, str]:
    """This environment with Python's bytecode cache in `directory`, written even where
    PYTHONDONTWRITEBYTECODE is set: fresh processes then load compiled modules, as they do
    from an installed package (pip compiles at install; an editable install of the sources
    would otherwise be compiled again by every process)."""
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(directory)
    return env


def _run(command: Sequence[str], cwd: Path | None, env: dict[str, str] | None = None) -> None:
    result = subprocess.run(command, cwd=cwd, capture_output=True, check=False, env=env)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({result.returncode}): {result.stderr.decode()[-500:]}")


def bz_tasks() -> list[str]:
    """The installed `bz-tasks` command (beside this Python), else `python -m bozhou_tasks`."""
    script = Path(sys.executable).with_name("bz-tasks")
    if script.exists():
        return [str(script)]
    found = shutil.which("bz-tasks")
    return [found] if found else [sys.executable, "-m", "bozhou_tasks"]


@dataclass(frozen=True)
class TreeRun:
    """A command run to completion: its time, memory and CPU, and how busy the machine was meanwhile."""

    seconds: float
    peak_rss: int
    """Peak of the summed resident memory of the process and all its descendants, in bytes."""
    cpu_seconds: float
    """CPU time used by the process and all its descendants."""
    machine_busy_seconds: float
    """CPU time used by everything on the machine over the same wall time (from /proc/stat)."""
    returncode: int
    stderr: str

    @property
    def other_load(self) -> float:
        """Share of the machine's cores busy with other work during the run (0 on a quiet machine)."""
        cores = os.cpu_count() or 1
        return max(0.0, (self.machine_busy_seconds - self.cpu_seconds) / (self.seconds * cores))


def run_tree(command: Sequence[str], interval: float = 0.05) -> TreeRun:
    """Run `command`, sampling the resident memory of its whole process tree from /proc."""
    peak = 0
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    own_before = resource.getrusage(resource.RUSAGE_SELF)
    busy_before = machine_busy()
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss(process.pid))
            done.wait(interval)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    seconds = time.perf_counter() - start
    busy = machine_busy() - busy_before
    done.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the tree: waited-for descendants count too
    own_after = resource.getrusage(resource.RUSAGE_SELF)  # this process, sampling
    cpu = _cpu(after) - _cpu(before)
    busy -= _cpu(own_after) - _cpu(own_before)
    return TreeRun(seconds, peak, cpu, busy, process.returncode, stderr.decode("utf-8", "replace"))


def _cpu(usage: resource.struct_rusage) -> float:
    return usage.ru_utime + usage.ru_stime


def wait_for_quiet(timeout: float, threshold: float = 0.15, window: float = 1.0) -> float:
    """Wait until the machine's cores are less than `threshold` busy over `window` seconds, or `timeout` passes.

    Other processes on a shared machine take cores from a multi-process run; this makes
    the wait explicit. Returns the last load measured (0 when not waiting at all).
    """
    deadline = time.monotonic() + timeout
    load = 0.0
    cores = os.cpu_count() or 1
    while time.monotonic() < deadline:
        before = machine_busy()
        time.sleep(window)
        load = (machine_busy() - before) / (window * cores)
        if load < threshold:
            break
    return load


class LoadMeter:
    """How busy the machine was with other work while the benchmarks ran.

    Other work is every CPU second the machine spent minus this process's and its
    children's, as a share of all its cores over the wall time; plus the load average
    at the start and at the end, as `uptime` shows it.
    """

    def __init__(self) -> None:
        self.start = time.perf_counter()
        self.busy = machine_busy()
        self.own = _cpu(resource.getrusage(resource.RUSAGE_SELF)) + _cpu(resource.getrusage(resource.RUSAGE_CHILDREN))
        self.loadavg = load_average()

    def summary(self) -> str:
        seconds = time.perf_counter() - self.start
        own = _cpu(resource.getrusage(resource.RUSAGE_SELF)) + _cpu(resource.getrusage(resource.RUSAGE_CHILDREN))
        cores = os.cpu_count() or 1
        other = max(0.0, (machine_busy() - self.busy - (own - self.own)) / (seconds * cores)) if seconds else 0.0
        return (
            f"other work kept {other:.0%} of the {cores} cores busy over the {seconds / 60:.0f} minutes of the run; "
            f"load average {self.loadavg} at the start, {load_average()} at the end"
        )


def load_average() -> str:
    """The 1-, 5- and 15-minute load averages, or '?' without /proc/loadavg."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def machine_busy() -> float:
    """CPU seconds the whole machine has spent busy since boot (all cores; 0 without /proc/stat)."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except OSError:
        return 0.0
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(value) for value in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def tree_rss(pid: int) -> int:
    """Resident memory in bytes of `pid` and all its descendants now (0 once it is gone)."""
    total = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            total += int(Path(f"/proc/{current}/statm").read_text().split()[1]) * _PAGE_SIZE
            pending.extend(_children(current))
        except (OSError, ValueError, IndexError):
            continue  # the process ended between two reads
    return total


def _children(pid: int) -> list[int]:
    """The child processes of `pid`, from /proc/PID/task/*/children or, without it, from every /proc/*/stat."""
    tasks = list(Path(f"/proc/{pid}/task").iterdir())
    if (tasks[0] / "children").exists():
        return [int(child) for task in tasks for child in (task / "children").read_text().split()]
    children = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:  # the field after the state is the parent's id
                children.append(int(entry.name))
    return children


def machine() -> dict[str, str]:
    """What the numbers were measured on."""
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor()
    return {
        "cores": str(os.cpu_count()),
        "cpu": cpu or "unknown",
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "system": f"{platform.system()} {platform.release()} {platform.machine()}",
    }


def revision() -> str:
    """The checkout's commit (and whether it has changes), or '' outside git."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""
    return commit + (" with local changes" if dirty else "")
