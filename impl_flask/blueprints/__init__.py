"""One blueprint per resource of the contract."""
