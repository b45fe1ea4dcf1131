"""Models of agreements: see the app's docstring in apps.py."""
