from django.urls import path

from samverkan.audit import views

app_name = "audit"

urlpatterns = [
    path("logg/", views.event_list, name="event_list"),
]
