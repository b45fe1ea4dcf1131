from samverkan.core.testing import ANONYMOUS, ApiVisit, Visit, everyone

VISITS = [
    Visit("organisations:county_overview", everyone(302)),
    Visit("organisations:county_detail", everyone(200), args=["01"]),
    Visit("organisations:county_detail", everyone(404), args=["99"], label="unknown county"),
    Visit("organisations:municipality_detail", everyone(200), args=["0126"]),
    Visit("organisations:municipality_detail", everyone(404), args=["9999"], label="unknown code"),
    Visit("organisations:organisation_detail", everyone(200), args=["sdn-hagersten-liljeholmen"]),
    Visit("organisations:organisation_detail", everyone(302), args=["0126"], label="municipality redirects"),
]

API_VISITS = [
    ApiVisit("get", "/api/organisations/", everyone(200, **{ANONYMOUS: 401})),
    ApiVisit("get", "/api/organisations/networks/", everyone(200, **{ANONYMOUS: 401})),
    ApiVisit("get", "/api/organisations/{code}/", everyone(200, **{ANONYMOUS: 401}), params={"code": "0126"}),
    ApiVisit(
        "get", "/api/organisations/{code}/", everyone(404, **{ANONYMOUS: 401}), params={"code": "nope"}, label="unknown"
    ),
    ApiVisit("get", "/api/organisations/{code}/bodies/", everyone(200, **{ANONYMOUS: 401}), params={"code": "0126"}),
]
