"""Tests of the FastAPI adapter that the black-box contract suite cannot see."""
