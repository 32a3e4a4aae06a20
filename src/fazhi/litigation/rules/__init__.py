"""The rules of 行政应诉, by area: lawsuits (and their hearings) and the liaison meetings."""
