from django.urls import path

from samverkan.core import views

app_name = "core"

urlpatterns = [
    path("tillganglighet/", views.accessibility_statement, name="accessibility"),
    path("halsa/", views.health, name="health"),
]
