"""Figures of major decisions and legal advisors."""
