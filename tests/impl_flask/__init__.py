"""Tests of the Flask adapter that the black-box contract suite cannot see."""
