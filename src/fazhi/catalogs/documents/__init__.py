"""Documents of the catalogs app: the public lists as tables and their xlsx (lists.py)."""
