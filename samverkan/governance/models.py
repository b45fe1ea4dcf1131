"""Models of governance: see the app's docstring in apps.py."""
