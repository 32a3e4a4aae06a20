"""The forms of the review pages, by area: reviews (sending a draft, each level's opinion, resubmission, the
pre-check) and documents (the register, issue, filing, clean-up and catalogs). They parse what a person typed and
offer only what the user may choose; the rules come back from the services as ValidationErrors."""
