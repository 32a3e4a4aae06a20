"""The duties app issues no documents of its own: its ledgers export through core.io.ledgers."""
