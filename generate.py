"""Build the committee pack: `python generate.py` builds the sample pack from inputs/ into out/<period>/.

The same options as `scrutinyreport generate` (--inputs, --out, --period, --pdf, --templates, --quiet, --verbose).
"""

import sys

from scrutinyreport.cli import main

if __name__ == "__main__":
    sys.exit(main(["generate", *sys.argv[1:]]))
