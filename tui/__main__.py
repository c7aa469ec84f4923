"""Run the sidebyside command line as `python -m tui`."""
from tui.cli import main

main()
