"""One router per resource of the contract."""
