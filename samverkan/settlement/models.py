"""Models of settlement: see the app's docstring in apps.py."""
