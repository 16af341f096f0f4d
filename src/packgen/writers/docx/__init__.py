"""Word documents of the guide and handout (python-docx lives only here)."""
