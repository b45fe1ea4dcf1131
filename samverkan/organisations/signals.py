"""`organisations` sits at the bottom of the dependency order: it announces
reference-data loads and `audit.receivers` records them."""

from django.dispatch import Signal

# sender=None; kwargs: report (services.LoadReport)
reference_data_loaded = Signal()
