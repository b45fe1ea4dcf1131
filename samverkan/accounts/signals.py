"""Events of the accounts app that the audit log records.

`accounts` sits below `audit` in the dependency order, so it announces what
happened and `audit.receivers` writes the events. These are the only signals
Samverkan defines; no business logic hangs on them.
"""

from django.dispatch import Signal

# sender=User class; kwargs: username, ip
login_locked_out = Signal()
# sender=User class; kwargs: actor, user, action ("created", "changed", "deactivated"), before, after
account_changed = Signal()
# sender=APIToken class; kwargs: actor, token, action ("created", "revoked")
api_token_changed = Signal()
