from django.contrib import admin
from django.urls import include, path

from samverkan.api import api

handler400 = "samverkan.core.views.bad_request"
handler403 = "samverkan.core.views.permission_denied"
handler404 = "samverkan.core.views.page_not_found"
handler500 = "samverkan.core.views.server_error"

urlpatterns = [
    path("", include("samverkan.reports.urls")),
    path("", include("samverkan.core.urls")),
    path("", include("samverkan.accounts.urls")),
    path("", include("samverkan.organisations.urls")),
    path("", include("samverkan.audit.urls")),
    path("", include("samverkan.documents.urls")),
    path("", include("samverkan.agreements.urls")),
    path("", include("samverkan.governance.urls")),
    path("", include("samverkan.actionplans.urls")),
    path("", include("samverkan.exchange.urls")),
    path("", include("samverkan.settlement.urls")),
    path("", include("samverkan.statecomp.urls")),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("oidc/", include("mozilla_django_oidc.urls")),
    # Maintenance by the operator only (superusers); everyday work happens in the pages above.
    path("forvaltning/", admin.site.urls),
]
