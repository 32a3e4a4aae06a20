"""The catalogs app's rules: one area, the public lists (lists.py)."""
