"""Write a pack's outputs: staging and atomic swap, reproducible zips and dates."""
