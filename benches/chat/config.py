"""The example chat configuration for the bench (benches/chat/run).

    python3 config.py EXAMPLE_TOML STATE_DIR OUT

Copies examples/chat/chat.toml with its paths made absolute, /terms reading STATE_DIR/versions,
and a rate limit no bench user reaches (the limiter still runs on every request).
"""

import os
import re
import sys


def main() -> None:
    example, state, out = sys.argv[1:]
    base = os.path.dirname(os.path.abspath(example))
    lines = []
    for line in open(example, encoding="utf-8"):
        key = line.split("=", 1)[0].strip()
        if key == "versions":
            line = f'versions = "{os.path.join(os.path.abspath(state), "versions")}"\n'
        elif key == "requests_per_minute":
            line = "requests_per_minute = 1000000\n"
        elif key in ("posts", "accounts", "table", "root", "collections"):
            line = re.sub(r'"([^"/][^"]*)"', lambda m: '"' + os.path.normpath(os.path.join(base, m.group(1))) + '"', line)
        lines.append(line)
    with open(out, "w", encoding="utf-8") as f:
        f.writelines(lines)


if __name__ == "__main__":
    main()
