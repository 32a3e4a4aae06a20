"""The duties pages: forms, views and urls (mounted under /duties/)."""
