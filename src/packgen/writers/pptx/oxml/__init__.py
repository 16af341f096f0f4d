"""python-pptx internals: XML work it has no API for, and its speed-ups."""
