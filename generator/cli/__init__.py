"""The `showcase` command: a thin front over load, score, MkDocs, print and export."""

from generator.cli.main import main

__all__ = ["main"]
