from samverkan.accounts.models import APIToken, User
from samverkan.core.testing import ANONYMOUS, ApiVisit, Visit, World, everyone


def populate(world: World) -> None:
    world.anna_token = APIToken.issue(User.objects.get(username="anna"), "Annas system")[0]


VISITS = [
    Visit("accounts:login", everyone(200)),
    Visit(
        "accounts:login", everyone(400), method="post", data={"username": "x", "password": "y"}, label="wrong password"
    ),
    Visit("accounts:logout", everyone(405), label="GET is refused"),
    Visit("accounts:logout", everyone(302), method="post"),
    Visit("accounts:profile", everyone(200, **{ANONYMOUS: 302})),
    Visit(
        "accounts:token_create",
        everyone(200, **{ANONYMOUS: 302, "rut": 403, "maja": 403}),
        method="post",
        data={"name": "System", "valid_days": 30},
    ),
    Visit("accounts:token_create", everyone(405), label="GET is refused"),
    # Only Anna may revoke Anna's token; to everyone else it does not exist.
    Visit(
        "accounts:token_revoke",
        everyone(404, anna=302, **{ANONYMOUS: 302, "rut": 403, "maja": 403}),
        method="post",
        args=lambda w: [w.anna_token.pk],
    ),
]

API_VISITS = [
    ApiVisit("get", "/api/accounts/me/", everyone(200, **{ANONYMOUS: 401})),
]
