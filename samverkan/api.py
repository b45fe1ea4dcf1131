"""The JSON API for the municipalities' own systems: /api/, schema at /api/openapi.json.

Each app owns a django-ninja router in its `api.py`; this module only mounts them.
Machine clients authenticate with a bearer token (Mitt konto → API-nycklar);
the browser session works too, with CSRF on every change.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError
from ninja.security import django_auth

from samverkan.accounts.api import router as accounts_router
from samverkan.accounts.api_auth import BearerToken
from samverkan.actionplans.api import router as actionplans_router
from samverkan.agreements.api import router as agreements_router
from samverkan.audit.api import router as audit_router
from samverkan.documents.api import router as documents_router
from samverkan.exchange.api import public_router as catalogue_router
from samverkan.exchange.api import router as exchange_router
from samverkan.governance.api import router as governance_router
from samverkan.organisations.api import router as organisations_router
from samverkan.reports.api import router as reports_router
from samverkan.settlement.api import router as settlement_router
from samverkan.statecomp.api import router as statecomp_router

api = NinjaAPI(
    title="Samverkan API",
    version="1.0",
    description="Överenskommelser, styrning, utbyte av introduktionsinsatser och avräkning mellan kommuner.",
    auth=[BearerToken(), django_auth],
    urls_namespace="api",
)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return api.create_response(request, {"detail": "Ogiltiga uppgifter.", "errors": exc.errors}, status=422)


@api.exception_handler(AuthenticationError)
def authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(request, {"detail": "Inloggning eller API-nyckel krävs."}, status=401)


api.add_router("/organisations/", organisations_router)
api.add_router("/accounts/", accounts_router)
api.add_router("/audit/", audit_router)
api.add_router("/documents/", documents_router)
api.add_router("/agreements/", agreements_router)
api.add_router("/governance/", governance_router)
api.add_router("/actionplans/", actionplans_router)
api.add_router("/catalogue/", catalogue_router)
api.add_router("/exchange/", exchange_router)
api.add_router("/settlement/", settlement_router)
api.add_router("/statecomp/", statecomp_router)
api.add_router("/reports/", reports_router)
