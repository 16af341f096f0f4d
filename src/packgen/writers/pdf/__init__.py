"""The print engine (Typst): PDFs of the guide and handout from the .typ templates."""
