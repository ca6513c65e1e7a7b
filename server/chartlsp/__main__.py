"""``python -m chartlsp``: the same command line as the ``chartlsp`` script."""
import sys
from chartlsp.cli.main import main
sys.exit(main())
