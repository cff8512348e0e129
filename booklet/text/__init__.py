"""Text: user-written text -> paragraph markup (escaping, emphasis, inline math, font fallback)."""
