"""Rules of 年度报告与驾驶舱: `annual` (years, the issue date, the publication deadlines) and `checks` (the
consistency checks a report must pass before it is issued)."""
