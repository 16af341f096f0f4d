"""Tailor a pack: pure functions from the loaded project to a TailoredPack."""
