"""Demo content for this app (filled in by its issue)."""


def load():
    return None
