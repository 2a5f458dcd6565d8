"""``python -m disinfo``: the command line, as the ``disinfo`` console script runs it."""

from disinfo._cli import main

if __name__ == "__main__":  # imported (by tools such as stubtest), it runs nothing
    main()
