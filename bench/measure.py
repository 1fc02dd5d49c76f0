import resource
import time
from contextlib import contextmanager


def status(field, pid="self"):
    """A memory figure of a process from /proc, in MiB (VmRSS now, VmHWM its peak)."""
    with open(f"/proc/{pid}/status") as file:
        for line in file:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    raise KeyError(field)


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


@contextmanager
def stopwatch():
    """Wall seconds and CPU seconds (all threads) of the block."""
    result = {}
    wall, cpu = time.perf_counter(), cpu_seconds()
    yield result
    result["wall"] = time.perf_counter() - wall
    result["cpu"] = cpu_seconds() - cpu
