"""Web pages: a content-model document rendered as one self-contained, accessible HTML page (``page.py``),
its charts as inline SVG (``svg.py``) and their figures as a CSV file (``figures_csv.py``); one module per
product (``local_account.py``). A renderer beside ``word/``: it reads content and never the analysis or the
inputs."""
