"""Load stage: user files (YAML, Markdown) into typed, frozen models with file:line errors."""
