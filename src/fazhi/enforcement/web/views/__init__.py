"""The enforcement pages, one module per area."""
