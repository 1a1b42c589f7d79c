"""The largest inputs a pack is built from. Real packs are far below them (the sample's largest file is a
few kilobytes); they keep a mistaken or hostile file from exhausting memory or time, with a clear message."""

MAX_FILE_BYTES = 5_000_000          # any one input file
MAX_CSV_ROWS = 5_000                # data rows in any one CSV file or worksheet table
MAX_LONG_ROWS = 50_000              # data rows in one long sheet of monthly.xlsx (an indicator and month a row)
MAX_SHEET_ROWS = 60_000             # a worksheet's rows up to its last, empty ones included
MAX_SHEET_COLUMNS = 1_000           # a worksheet's columns up to its last (ALL), empty ones included
MAX_SHEET_CELLS = 1_000_000         # the cells a worksheet spans: each row up to its last cell, empty ones included
MAX_UNPACKED_BYTES = 200_000_000    # a workbook's parts, unpacked (an .xlsx is a zip of XML)
MAX_INDICATORS = 500                # indicators in the catalogue (each has a row and charts in the dashboard)
MAX_ID_CHARS = 64                   # an indicator id, which names its charts' files (Windows' paths stop at 260)
MAX_MONTH_FILES = 600               # monthly files (fifty years)
MAX_NARRATIVE_FILES = 100           # Markdown files in the narrative folder
MAX_CHART_CATEGORIES = 30           # finance categories or activity client groups in one year
MAX_YAML_NODES = 50_000             # YAML values after aliases (&anchor / *alias) are expanded
MAX_YAML_DEPTH = 50                 # YAML nesting
MAX_NARRATIVE_SECONDS = 5.0         # working out the live figures of one narrative file
MAX_NARRATIVE_STEPS = 2_000_000     # lines of template code run for one narrative file
MAX_TEXT_CHARS = 1_000_000          # any one string a narrative expression builds, and a file's rendered text
MAX_TEMPLATE_CHARS = 25_000_000     # a Word template's rendered XML (a 500-indicator dashboard's is 2.5 million)
MAX_RANGE = 10_000                  # range(n) in narrative
MAX_POWER = 1_000                   # largest exponent in narrative (a ** b)
MAX_NUMBER = 1e15                   # any figure in any input: beyond it a number cannot be rounded and printed
# the largest figure (either sign) an indicator's value may have, by unit: far above any council's, and far
# below where printing to the catalogue's decimals (at most 4) would run out of digits; a percentage is 0 to 100
MAX_FIGURE = {"percent": 100.0, "count": 1e12, "currency": 1e12, "rate_per_100k": 1e9, "days": 1e6,
              "score": 1e6, "ratio": 1e9}
