"""The full rebuild `showcase serve` runs after quick previews, in a process of its own.

`python -m generator.cli.rebuild CONFIG SITE_DIR SERVE_URL DEV_ADDR PROBLEMS` builds the site
as serve's own builds do (drafts shown) into SITE_DIR. On bad input
it writes the problem lines as JSON to PROBLEMS and exits 1. Its own process, so serve stays
free for the next quick preview while it runs, and a newer edit simply stops it
(cli/followup.py).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from generator.cli.common import setup_logging
    from generator.cli.preview import problem_lines

    config_file, site_dir, serve_url, dev_addr, problems = argv or sys.argv[1:6]
    collector = setup_logging()
    try:
        cfg = load_config(config_file=config_file, site_dir=site_dir, dev_addr=dev_addr)
        build(cfg, serve_url=serve_url)
    except Exception as exc:  # noqa: BLE001 - every failure is reported to serve as lines
        lines = problem_lines(collector.messages or [str(exc)])
        Path(problems).write_text(json.dumps(lines, ensure_ascii=False), encoding="utf-8")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
