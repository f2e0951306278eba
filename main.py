"""Start GridStation: ``python main.py [--data-dir DIR] [COMMAND]`` (see ``--help``)."""

import sys

from gridstation.cli import main

if __name__ == "__main__":
    sys.exit(main())
