"""The operator's admin: the move rules (data the association may change) and the catalogue.

Participants, placements and attendance are deliberately not here: personal data is
read only through the pages that check visibility and log every read.
"""

from django.contrib import admin

from samverkan.exchange.models import MonthLock, PayerRule, Service, ServicePrice


@admin.register(PayerRule)
class PayerRuleAdmin(admin.ModelAdmin):
    list_display = ["category", "rule"]


class ServicePriceInline(admin.TabularInline):
    model = ServicePrice
    extra = 0


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "provider", "category", "price_model", "capacity", "published"]
    list_filter = ["category", "published"]
    search_fields = ["name", "code"]
    list_select_related = ["provider"]
    inlines = [ServicePriceInline]


@admin.register(MonthLock)
class MonthLockAdmin(admin.ModelAdmin):
    list_display = ["month", "locked_at", "locked_by"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Unlocking a settled month would let the past change.
        return False
