from django.urls import path

from samverkan.statecomp import views

app_name = "statecomp"

urlpatterns = [
    path("statlig-ersattning/", views.overview, name="overview"),
    path("statlig-ersattning/lan.xlsx", views.overview_xlsx, name="overview_xlsx"),
    path("statlig-ersattning/natverk/<slug:code>/", views.network_detail, name="network_detail"),
    path("statlig-ersattning/belopp/", views.rate_list, name="rate_list"),
    path("statlig-ersattning/belopp/nytt/", views.rate_create, name="rate_create"),
    path("statlig-ersattning/ansokningar/", views.application_list, name="application_list"),
    path("statlig-ersattning/ansokningar/<int:pk>/ansokt/", views.application_applied, name="application_applied"),
    path("statlig-ersattning/kommuner/<str:code>/", views.municipality_detail, name="municipality_detail"),
    path("statlig-ersattning/kommuner/<str:code>/ersattning.xlsx", views.municipality_xlsx, name="municipality_xlsx"),
    path("statlig-ersattning/kommuner/<str:code>/utbetalningar/", views.payment_list, name="payment_list"),
    path("statlig-ersattning/kommuner/<str:code>/ny-utbetalning/", views.payment_create, name="payment_create"),
    path("statlig-ersattning/kommuner/<str:code>/las-in-utbetalningar/", views.payment_import, name="payment_import"),
    path("statlig-ersattning/kommuner/<str:code>/las-in-mottagna/", views.reception_import, name="reception_import"),
    path("statlig-ersattning/kommuner/<str:code>/ny-ansokan/", views.application_create, name="application_create"),
]
