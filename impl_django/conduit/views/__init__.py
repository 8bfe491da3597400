"""One API view per path of the contract; each method validates, calls one service, renders."""
