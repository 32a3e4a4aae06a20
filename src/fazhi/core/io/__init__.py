"""Files in and out: ledgers (spreadsheets), official documents (.docx), safe spreadsheet cells, attachments."""
