"""Markdown module bodies to model slides: the only importer of markdown-it."""
