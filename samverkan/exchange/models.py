"""Models of exchange: see the app's docstring in apps.py."""
