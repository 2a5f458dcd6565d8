"""The peer: Python's difflib on the same pair, word level.

mode `words`: SequenceMatcher over the word tokens of the whole documents (the direct word diff);
mode `lines-then-words`: SequenceMatcher over lines, then over the word tokens of each replaced
block (the same two-stage strategy as ours, and as difflib's own ndiff).
Both use difflib's defaults (autojunk on), as a user would. Prints the number of non-equal
opcodes (so the work is visibly done) and the seconds spent diffing (files already read).
"""

from __future__ import annotations

import difflib
import re
import sys
import time

TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)
mode, old_path, new_path = sys.argv[1], sys.argv[2], sys.argv[3]
old, new = open(old_path).read(), open(new_path).read()
start = time.perf_counter()

if mode == "words":
    a, b = TOKEN.findall(old), TOKEN.findall(new)
    ops = [op for op in difflib.SequenceMatcher(None, a, b).get_opcodes() if op[0] != "equal"]
    print(len(ops), time.perf_counter() - start)
else:
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    changes = 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b).get_opcodes():
        if tag == "replace":
            wa, wb = TOKEN.findall("".join(a[i1:i2])), TOKEN.findall("".join(b[j1:j2]))
            changes += sum(1 for op in difflib.SequenceMatcher(None, wa, wb).get_opcodes() if op[0] != "equal")
        elif tag != "equal":
            changes += 1
    print(changes, time.perf_counter() - start)
