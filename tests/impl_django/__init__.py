"""Tests of the Django adapter that the black-box contract suite cannot see."""
