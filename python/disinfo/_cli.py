"""The ``disinfo`` console script: the command line of the Rust CLI, run through the extension
so that ``pip install disinfo`` alone brings it."""

from __future__ import annotations

import signal
import sys

from disinfo import _native


def main() -> None:
    """Runs ``disinfo`` with this process's arguments and exits with its code (0 ok, 1
    findings, 2 usage or input error)."""
    # The command runs in Rust with the GIL released, where Python's own SIGINT handler would
    # only set a flag nobody reads: restore the default action so that Ctrl-C stops the command
    # as it stops the native binary. (SIGPIPE is ignored by Python as by Rust's runtime: a
    # closed pipe is reported by the command's own output handling in both.)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    sys.stdout.flush()
    sys.exit(_native.cli_main(["disinfo", *sys.argv[1:]]))
