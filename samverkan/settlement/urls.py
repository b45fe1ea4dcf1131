from django.urls import path

from samverkan.settlement import views

app_name = "settlement"

urlpatterns = [
    path("avrakning/", views.run_list, name="run_list"),
    path("avrakning/ny/", views.run_start, name="run_start"),
    path("avrakning/jobb/<int:pk>/", views.job_detail, name="job_detail"),
    path("avrakning/<int:pk>/", views.run_detail, name="run_detail"),
    path("avrakning/<int:pk>/godkann/", views.run_approve, name="run_approve"),
    path("avrakning/<int:pk>/kommun/<slug:code>/", views.statement, name="statement"),
    path("avrakning/<int:pk>/kommun/<slug:code>/sie/", views.run_sie, name="run_sie"),
    path("avrakning/par/<int:pk>/", views.pair_detail, name="pair_detail"),
    path("avrakning/par/<int:pk>/faktura.xml", views.pair_invoice, name="pair_invoice"),
    path("avrakning/par/<int:pk>/specifikation.pdf", views.pair_pdf, name="pair_pdf"),
    path("avrakning/par/<int:pk>/kreditera/", views.credit_note_create, name="credit_note_create"),
    path("avrakning/kreditfakturor/<int:pk>/kreditfaktura.xml", views.credit_note_xml, name="credit_note_xml"),
    path("avrakning/prislistor/", views.price_list_list, name="price_list_list"),
    path("avrakning/prislistor/<int:pk>/", views.price_list_detail, name="price_list_detail"),
    path("avrakning/prislistor/<int:pk>/upprakning/", views.price_list_uplift, name="price_list_uplift"),
    path("avrakning/prislistor/<int:pk>/anta/", views.price_list_adopt, name="price_list_adopt"),
    path("avrakning/kontering/", views.account_mapping, name="account_mapping"),
]
