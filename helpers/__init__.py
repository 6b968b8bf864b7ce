"""Goftar helpers: load, clean and annotate Persian news about Iranian officials.

Import the submodules you need (``helpers.load``, ``helpers.clean``, ``helpers.numbers``...);
this package module stays light so that ``import helpers`` costs nothing.
"""

__version__ = "0.1.0"
