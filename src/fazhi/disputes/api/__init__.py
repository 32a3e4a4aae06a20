"""The reconsideration API: serializers, the case viewset and its urls (mounted under /api/)."""
