"""Models of reports: see the app's docstring in apps.py."""
