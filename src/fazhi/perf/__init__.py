"""Performance tooling: `fazhi synth` generates a district, city or province of synthetic records and `fazhi bench`
measures figures, pages, the report, an import and the pre-check against the configured database."""
