"""Data in: the conference folder's YAML files -> a validated Booklet model, or every problem found.

`contract` declares the files, keys, types and defaults once; `load` reads YAML into values that
remember file and line; `fields`, `people`, `programme` and `validate` turn them into the model.
"""
