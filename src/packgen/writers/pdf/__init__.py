"""The print engine: PDFs of the guide and handout."""
