from samverkan.core.testing import ANONYMOUS, ApiVisit, Visit, everyone

READERS = {
    "cecilia": 200,
    "rut": 200,
    "maja": 200,
    "hanna": 200,
    "britt": 200,
    "nils": 200,
    "elsa": 200,
    "tove": 200,
    "vera": 200,
    "olof": 200,
    "karin": 200,
}

VISITS = [
    Visit("audit:event_list", everyone(403, **{ANONYMOUS: 302}, **READERS)),
    Visit(
        "audit:event_list",
        everyone(403, **{ANONYMOUS: 302}, **READERS),
        query="q=login&personal_data=on",
        label="filtered",
    ),
]

API_VISITS = [
    ApiVisit("get", "/api/audit/events/", everyone(200, **{ANONYMOUS: 401})),
]
