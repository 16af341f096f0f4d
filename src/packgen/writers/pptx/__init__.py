"""The PowerPoint deck (python-pptx lives only here)."""
