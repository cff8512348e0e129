"""Print production: page boxes and marks, padding, cover split, imposition, preflight."""
