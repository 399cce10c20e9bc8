"""`python -m generator.cli` = `showcase`."""

from generator.cli.main import main

main()
