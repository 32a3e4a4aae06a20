"""The review workstream's documents: the legality review opinion letter (.docx through core.io.officialdoc) and the
reading of uploaded drafts for the pre-check."""
