"""`python -m booklet` -> the command line."""

from .cli import run

run()
