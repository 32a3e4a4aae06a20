"""The reports API: `serializers`, `viewsets` (reads through the selectors, issuing through the services), `urls`."""
