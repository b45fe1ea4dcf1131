from django.contrib import admin

from samverkan.organisations.models import Body, County, Network, NetworkMembership, Organisation, OrganisationName


class NameInline(admin.TabularInline):
    model = OrganisationName
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "code", "scb_code", "organisation_number", "valid_from", "valid_to"]
    list_filter = ["kind", "county"]
    search_fields = ["name", "code", "scb_code", "organisation_number"]
    inlines = [NameInline]


class MembershipInline(admin.TabularInline):
    model = NetworkMembership
    extra = 0


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "county"]
    inlines = [MembershipInline]


admin.site.register(County)
admin.site.register(Body, list_display=["name", "kind", "organisation"], list_filter=["kind"])
