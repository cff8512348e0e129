"""`python -m booklet` -> the command line."""

from .cli import main

main(prog_name="booklet")
