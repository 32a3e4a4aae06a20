"""Every read of 年度报告与驾驶舱, scoped through core.access: `dashboard` (figures, charts, a figure's records) and
`annual` (issued reports, edited texts, rendering jobs)."""
