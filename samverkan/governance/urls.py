from django.urls import path

from samverkan.governance import views

app_name = "governance"

urlpatterns = [
    path("styrning/", views.body_list, name="body_list"),
    path("styrning/organ/<int:pk>/", views.body_detail, name="body_detail"),
    path("styrning/organ/<int:pk>/kalender.ics", views.body_calendar, name="body_calendar"),
    path("styrning/organ/<int:pk>/ny-ledamot/", views.membership_create, name="membership_create"),
    path("styrning/organ/<int:pk>/nytt-mote/", views.meeting_create, name="meeting_create"),
    path("styrning/ledamoter/<int:pk>/avsluta/", views.membership_end, name="membership_end"),
    path("styrning/moten/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("styrning/moten/<int:pk>/andra/", views.meeting_update, name="meeting_update"),
    path("styrning/moten/<int:pk>/ny-punkt/", views.agenda_item_create, name="agenda_item_create"),
    path("styrning/moten/<int:pk>/narvaro/", views.attendance, name="attendance"),
    path("styrning/moten/<int:pk>/protokoll/", views.minutes, name="minutes"),
    path("styrning/moten/<int:pk>/nytt-beslut/", views.decision_create, name="decision_create"),
]
