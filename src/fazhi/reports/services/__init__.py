"""Every write of 年度报告与驾驶舱: `annual` (the report text, issuing) and `rendering` (a report as a file, now or as
a background job)."""
