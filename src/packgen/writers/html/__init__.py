"""HTML pages of the guide and handout: blocks, inlined assets, templates."""
