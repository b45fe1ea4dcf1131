from django.urls import path

from samverkan.exchange import views

app_name = "exchange"

urlpatterns = [
    # The public catalogue: no login.
    path("katalog/", views.catalogue_list, name="catalogue"),
    path("katalog/<slug:code>/", views.catalogue_detail, name="catalogue_detail"),
    # The municipality's own services.
    path("utbyte/insatser/", views.service_list, name="service_list"),
    path("utbyte/insatser/ny/", views.service_create, name="service_create"),
    path("utbyte/insatser/<slug:code>/", views.service_update, name="service_update"),
    path("utbyte/insatser/<slug:code>/pris/", views.service_price, name="service_price"),
    path("utbyte/insatser/<slug:code>/start/", views.service_start, name="service_start"),
    # Participants.
    path("utbyte/deltagare/", views.participant_list, name="participant_list"),
    path("utbyte/deltagare/ny/", views.participant_create, name="participant_create"),
    path("utbyte/deltagare/sok/", views.participant_find, name="participant_find"),
    path("utbyte/deltagare/<slug:code>/", views.participant_detail, name="participant_detail"),
    path("utbyte/deltagare/<slug:code>/personnummer/", views.participant_reveal, name="participant_reveal"),
    path("utbyte/deltagare/<slug:code>/flytt/", views.participant_move, name="participant_move"),
    path("utbyte/deltagare/<slug:code>/registerutdrag.json", views.participant_export, name="participant_export"),
    path("utbyte/deltagare/<slug:code>/placera/", views.placement_create, name="placement_create"),
    # Placements and attendance.
    path("utbyte/placeringar/", views.placement_list, name="placement_list"),
    path("utbyte/placeringar/<slug:code>/", views.placement_detail, name="placement_detail"),
    path("utbyte/placeringar/<slug:code>/anta/", views.placement_accept, name="placement_accept"),
    path("utbyte/placeringar/<slug:code>/avbo/", views.placement_decline, name="placement_decline"),
    path("utbyte/placeringar/<slug:code>/aterkalla/", views.placement_withdraw, name="placement_withdraw"),
    path("utbyte/placeringar/<slug:code>/avsluta/", views.placement_end, name="placement_end"),
    path("utbyte/placeringar/<slug:code>/avbrott/", views.placement_interrupt, name="placement_interrupt"),
    path("utbyte/placeringar/<slug:code>/narvaro/", views.attendance_report, name="attendance_report"),
    path("utbyte/narvaro/", views.attendance_month, name="attendance_month"),
    # Bulk import.
    path("utbyte/import/", views.import_create, name="import_create"),
    path("utbyte/import/<int:pk>/", views.import_detail, name="import_detail"),
    path("utbyte/import/mall-<slug:kind>.csv", views.import_template, name="import_template"),
    # County figures.
    path("utbyte/statistik/", views.statistics_page, name="statistics"),
]
