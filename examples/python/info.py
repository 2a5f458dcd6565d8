"""Prints the toolkit version and the status of each tool, then shows an error code."""

import disinfo
from disinfo import _native

print(f"disinfo {disinfo.__version__}")
for tool in disinfo.build_info()["tools"]:
    print(f"  {tool['name']:<13} {tool['status']:<16} {', '.join(tool['capabilities'])}")

try:
    _native._force_panic()
except disinfo.DisinfoError as err:
    print(f"a caught panic is {type(err).__name__} with code {err.code!r}")
