"""The litigation API: serializers, viewsets and urls (mounted under /api/)."""
