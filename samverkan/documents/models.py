"""Models of documents: see the app's docstring in apps.py."""
