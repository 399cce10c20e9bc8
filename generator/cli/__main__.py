"""`python -m generator.cli` = `showcase`."""

from generator.cli.main import main

# Guarded: a spawned helper process (render/background.py) imports this module again.
if __name__ == "__main__":
    main()
