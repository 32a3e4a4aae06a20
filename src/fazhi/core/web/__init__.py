"""The ways in shared by every app: page helpers, the service-backed admin base, API base classes."""
