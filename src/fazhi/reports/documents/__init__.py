"""Files of 年度报告与驾驶舱: `annual` (the report as .docx through core.io.officialdoc, a web page, JSON, PDF) and
`dashboard` (a figure's records as .xlsx through core.io.sheets)."""
