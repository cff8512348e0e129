"""YAML read as an editor's YAML language server reads it (YAML 1.2 core schema), for JSON Schema tests.

PyYAML follows YAML 1.1, where 2027-09-13 is a date and 10:30 a number in base 60; an editor
sees both as strings. This loader resolves only null, booleans, integers and floats.
"""

from __future__ import annotations

import re

import yaml


class Yaml12Loader(yaml.SafeLoader):
    pass


Yaml12Loader.yaml_implicit_resolvers = {}
for tag, pattern, first in (
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    ("tag:yaml.org,2002:float", r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                                r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", list("-+0123456789.")),
):
    Yaml12Loader.add_implicit_resolver(tag, re.compile(pattern), first)


def load(text: str):
    return yaml.load(text, Loader=Yaml12Loader)
