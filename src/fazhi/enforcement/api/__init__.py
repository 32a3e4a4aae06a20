"""The enforcement API (DRF): serializers and viewsets that call the services and selectors, and their urls."""
