"""Render stage: plan the generated pages and hand results to the theme's templates."""
