"""Documents of the enforcement workstream (.docx through core.io.officialdoc), one module per area."""
