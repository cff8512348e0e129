"""booklet: conference YAML data -> a print-ready programme booklet and book of abstracts (PDF)."""

__version__ = "0.1.0"
