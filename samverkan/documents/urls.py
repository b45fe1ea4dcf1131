from django.urls import path

from samverkan.documents import views

app_name = "documents"

urlpatterns = [
    path("dokument/<int:pk>/", views.document_detail, name="document_detail"),
    path("dokument/<int:pk>/fil/", views.document_download, name="document_download"),
]
