"""The catalogs API: serializers, viewsets and urls (mounted under /api/)."""
