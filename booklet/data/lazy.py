"""A module's name -> a stand-in for it that imports it when first used (PyYAML: a build whose data files the disk
cache kept parses none, and need not import it)."""

from __future__ import annotations

from importlib import import_module


class Lazy:
    """Stands for the module `module` under `name` in `namespace` (a module's globals) until an attribute of it is
    first asked for: the module is imported then, and put in its place there (later uses find the module)."""

    def __init__(self, module: str, namespace: dict, name: str):
        self._module, self._namespace, self._name = module, namespace, name

    def __getattr__(self, attribute: str):
        module = import_module(self._module)
        self._namespace[self._name] = module
        return getattr(module, attribute)
