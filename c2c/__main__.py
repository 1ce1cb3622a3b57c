import sys

from c2c.cli import main

sys.exit(main())
