import sys

from c2c.cli import main

try:
    sys.exit(main())
except KeyboardInterrupt:  # Ctrl-C: every write is atomic (c2c/core/csvio.py), so a line is enough
    print("interrupted", file=sys.stderr)
    sys.exit(130)
