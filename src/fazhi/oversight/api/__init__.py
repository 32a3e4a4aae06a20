"""The oversight API: serializers, viewsets and the router (urls)."""
