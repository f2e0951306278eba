"""``python -m gridstation.server``: the district server's command line."""

import sys

from gridstation.server.cli import main

if __name__ == "__main__":
    sys.exit(main())
