"""``python -m disinfo``: the command line, as the ``disinfo`` console script runs it."""

from disinfo._cli import main

main()
