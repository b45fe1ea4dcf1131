from django.contrib import admin

from samverkan.documents.models import Document


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["original_name", "organisation", "format", "status", "size", "uploaded_at"]
    list_filter = ["status", "format"]
    search_fields = ["original_name", "sha256"]
    readonly_fields = ["sha256", "size", "content_type", "text", "proposal"]
