"""Reads of decisions and advisors, scoped through core.access, and the decisions' 工作台 items."""
