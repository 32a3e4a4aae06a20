"""The draft pre-check's statistical candidate model (model.py, data model.json). The rules themselves live in
review/rules/precheck.py; the model only proposes sentences that a rule marked as a candidate rule must explain."""
