"""Read and validate a project's files: the only importer of YAML and TOML."""
