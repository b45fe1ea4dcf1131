"""Models of actionplans: see the app's docstring in apps.py."""
