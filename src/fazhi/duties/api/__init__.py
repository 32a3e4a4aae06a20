"""The duties API: serializers, viewsets and urls (mounted under /api/)."""
