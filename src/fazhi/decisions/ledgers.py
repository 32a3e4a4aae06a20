"""Ledgers of the decisions workstream."""
