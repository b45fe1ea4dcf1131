from django.urls import path

from samverkan.agreements import views

app_name = "agreements"

urlpatterns = [
    path("overenskommelser/", views.agreement_list, name="agreement_list"),
    path("overenskommelser/<int:pk>/", views.agreement_detail, name="agreement_detail"),
    path("overenskommelser/<int:pk>/ny-version/", views.version_create, name="version_create"),
    path("overenskommelser/versioner/<int:pk>/", views.version_detail, name="version_detail"),
    path("overenskommelser/versioner/<int:pk>/ny-paragraf/", views.paragraph_create, name="paragraph_create"),
    path("overenskommelser/versioner/<int:pk>/skicka-pa-remiss/", views.round_create, name="round_create"),
    path("overenskommelser/paragrafer/<int:pk>/andra/", views.paragraph_update, name="paragraph_update"),
    path("overenskommelser/remisser/<int:pk>/", views.round_detail, name="round_detail"),
    path("overenskommelser/remisser/<int:pk>/stang/", views.round_close, name="round_close"),
    path("overenskommelser/remisser/<int:pk>/sammanstallning/", views.round_compilation, name="round_compilation"),
    path(
        "overenskommelser/remisser/<int:pk>/sammanstallning.pdf",
        views.round_compilation_pdf,
        name="round_compilation_pdf",
    ),
    path(
        "overenskommelser/remisser/<int:pk>/sammanstallning.xlsx",
        views.round_compilation_xlsx,
        name="round_compilation_xlsx",
    ),
    path("overenskommelser/remisser/<int:pk>/las-in-beslut/", views.round_upload, name="round_upload"),
    path(
        "overenskommelser/remisser/<int:pk>/las-in-beslut/<int:document>/",
        views.document_review,
        name="document_review",
    ),
    path("overenskommelser/remissvar/<int:pk>/", views.response_detail, name="response_detail"),
    path("overenskommelser/remissvar/<int:pk>/nytt-beslutssteg/", views.step_create, name="step_create"),
    path("overenskommelser/remissvar/<int:pk>/anstand/", views.response_extend, name="response_extend"),
]
