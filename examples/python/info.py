"""Prints the toolkit version and the status of each tool, then shows an error code."""

import disinfo
from disinfo import terms

print(f"disinfo {disinfo.__version__}")
for tool in disinfo.build_info()["tools"]:
    print(f"  {tool['name']:<13} {tool['status']:<16} {', '.join(tool['capabilities'])}")

try:
    terms.diff("old text", "new text", granularty="word")  # type: ignore[call-arg]
except disinfo.DisinfoError as err:
    # A misspelt option is never ignored: a ValueError with a stable code and a suggestion.
    print(f"{type(err).__name__} with code {err.code!r}: {err}")
