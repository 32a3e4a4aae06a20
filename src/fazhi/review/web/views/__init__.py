"""The review pages, by area: reviews (the three levels and the pre-check), documents (the register, a document's
record, issue and filing, the public list), cleanup (campaigns) and catalogs (review catalogs and matters)."""
