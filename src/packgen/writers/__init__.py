"""One sub-package per file format, each the only importer of its library."""
