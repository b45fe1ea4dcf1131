"""Models of statecomp: see the app's docstring in apps.py."""
