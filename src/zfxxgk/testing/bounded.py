"""Run the ``zfxxgk`` command in a subprocess under an address-space cap, and read back its own peak
memory: for tests and benchmarks that show an input costs bounded memory.

The peak is the child's VmHWM, read as it exits: ``ru_maxrss`` would not do, since Linux keeps it
across exec and a child forked from a large test process would report the parent's size.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from dataclasses import dataclass

MB = 1024 * 1024

_CHILD = """
import atexit, sys
def _peak():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            sys.stderr.write("\\nZFXXGK_PEAK_KB " + line.split()[1] + "\\n")
atexit.register(_peak)
sys.argv[0] = "zfxxgk"
from zfxxgk.cli import main
main()
"""


@dataclass(frozen=True)
class Run:
    code: int
    output: str  # stdout then stderr, without the peak line
    peak_mb: float
    seconds: float


def run_bounded(args: list[str], cap_mb: int = 1500, stdin: bytes = b"", timeout: float = 120,
                env: dict[str, str] | None = None) -> Run:
    """``zfxxgk ARGS`` in a subprocess whose address space is capped at ``cap_mb``."""
    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (cap_mb * MB, cap_mb * MB))

    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _CHILD, *args], input=stdin, capture_output=True,
                          timeout=timeout, preexec_fn=cap, env=env)
    seconds = time.perf_counter() - start
    err = proc.stderr.decode("utf-8", "replace")
    peak = float("nan")
    kept = []
    for line in err.splitlines():
        if line.startswith("ZFXXGK_PEAK_KB "):
            peak = int(line.split()[1]) / 1024
        else:
            kept.append(line)
    return Run(proc.returncode, proc.stdout.decode("utf-8", "replace") + "\n".join(kept), peak, seconds)
