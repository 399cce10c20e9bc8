"""Run showcase commands in one process under a memory limit (used by test_hostile.py).

`python tests/hostile_runner.py LIMIT_BYTES JOBS.json OUT_DIR`: each job's exit code, output
and any exception other than SystemExit are written to OUT_DIR/<name>.json as soon as the job
ends, so a job that blows the limit or hangs still leaves the others' results behind.
"""

from __future__ import annotations

import json
import resource
import sys
import traceback
from pathlib import Path


def main() -> None:
    limit, jobs, out = (
        int(sys.argv[1]),
        json.loads(Path(sys.argv[2]).read_text()),
        Path(sys.argv[3]),
    )
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    from click.testing import CliRunner

    from generator.cli import main as cli

    for job in jobs:
        result = CliRunner().invoke(cli, job["args"], catch_exceptions=True)
        exc = result.exception
        crash = (
            None
            if exc is None or isinstance(exc, SystemExit)
            else "".join(traceback.format_exception(exc))
        )
        record = {
            "code": result.exit_code,
            "out": result.stdout,
            "err": result.stderr,
            "exception": crash,
        }
        (out / f"{job['name']}.json").write_text(
            json.dumps(record, ensure_ascii=False), encoding="utf-8"
        )


if __name__ == "__main__":
    main()
