"""The pages of 行政复议: forms, views and urls (mounted under /disputes/)."""
