"""branch-showcase: 一支部一品牌 showcase site generator.

Stages, each knowing only the one before it:
load (YAML/Markdown -> models) -> score (models -> results) -> render (MkDocs plugin),
print (Pillow boards) and export (JSON/CSV/XLSX).
"""

__version__ = "0.1.0"
