"""Run the sidebyside command line as `python -m tui`."""
from tui.entry import main

main()
