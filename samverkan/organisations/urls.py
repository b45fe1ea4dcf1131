from django.urls import path

from samverkan.organisations import views

app_name = "organisations"

urlpatterns = [
    path("lan/", views.county_redirect, name="county_overview"),
    path("lan/<str:code>/", views.county_detail, name="county_detail"),
    path("kommuner/<str:scb_code>/", views.municipality_detail, name="municipality_detail"),
    path("organisationer/<slug:code>/", views.organisation_detail, name="organisation_detail"),
]
