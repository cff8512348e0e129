"""Start: the data contract -> a new conference folder (`booklet init`) and JSON Schemas (`booklet schema`)."""
