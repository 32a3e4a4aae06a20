"""The rules of the enforcement workstream, one module per area: periods, conditions, `may_*` permission checks and
`validate_*` functions. They import only core (never this app's models, which call them), so every way in — the
services, the ledgers, the transitions, admin, the API and the pages — checks the same function."""
