"""``python -m gridstation``."""

import sys

from gridstation.cli import main

if __name__ == "__main__":
    sys.exit(main())
