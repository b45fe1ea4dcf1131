from django.urls import path

from samverkan.actionplans import views

app_name = "actionplans"

urlpatterns = [
    path("handlingsplaner/", views.plan_list, name="plan_list"),
    path("handlingsplaner/ny/", views.plan_create, name="plan_create"),
    path("handlingsplaner/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("handlingsplaner/<int:pk>/nytt-omrade/", views.area_create, name="area_create"),
    path("handlingsplaner/<int:pk>/ny-uppfoljning/", views.round_create, name="round_create"),
    path("handlingsplaner/<int:pk>/handlingsplan.xlsx", views.plan_xlsx, name="plan_xlsx"),
    path("handlingsplaner/<int:pk>/importera/", views.plan_import, name="plan_import"),
    path("handlingsplaner/omraden/<int:pk>/ny-insats/", views.measure_create, name="measure_create"),
    path("handlingsplaner/omraden/<int:pk>/ordning/", views.area_reorder, name="area_reorder"),
    path("handlingsplaner/insatser/<int:pk>/", views.measure_detail, name="measure_detail"),
    path("handlingsplaner/insatser/<int:pk>/andra/", views.measure_update, name="measure_update"),
    path("handlingsplaner/insatser/<int:pk>/delmal/", views.subgoal_edit, name="subgoal_edit"),
    path("handlingsplaner/insatser/<int:pk>/flytta/", views.measure_move, name="measure_move"),
    path("handlingsplaner/uppfoljningar/<int:pk>/", views.round_detail, name="round_detail"),
    path("handlingsplaner/uppfoljningar/<int:pk>/stang/", views.round_close, name="round_close"),
    path("handlingsplaner/uppfoljningar/<int:pk>/paminn/", views.round_remind, name="round_remind"),
    path(
        "handlingsplaner/uppfoljningar/<int:pk>/insatser/<int:measure>/<slug:organisation>/",
        views.report_edit,
        name="report_edit",
    ),
    path("handlingsplaner/uppfoljningar/<int:pk>/rapport/", views.followup_report, name="followup_report"),
    path("handlingsplaner/uppfoljningar/<int:pk>/rapport.pdf", views.followup_report_pdf, name="followup_report_pdf"),
    path("handlingsplaner/uppfoljningar/<int:pk>/rapporter.xlsx", views.round_xlsx, name="round_xlsx"),
    path("handlingsplaner/uppfoljningar/<int:pk>/importera/", views.round_import, name="round_import"),
    path("handlingsplaner/importer/<int:pk>/", views.import_detail, name="import_detail"),
]
