"""Read .pptx parts with lxml alone, for the template and overflow rules."""
