"""``python -m bench footprint``: what each implementation costs to write and to run.

Code by role, dependencies, start-up time and memory, the code of every operation side by
side, and each framework's generated OpenAPI document held against the contract's. All of it
is measured from the project's own source and environments, never typed by hand.
"""
