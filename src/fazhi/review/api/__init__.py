"""The review API: legality reviews (the level opinion, the substitute advisor), normative documents (registering,
what precedes issue, issue, filing) and filings (materials, result, correction). Reads through the selectors,
writes through the services; a refusal is the rule's Chinese message with 400 or 403."""
