from django.http import HttpRequest
from ninja import Router, Schema

router = Router(tags=["Konton"])


class MeOut(Schema):
    username: str
    name: str
    role: str
    organisation: str | None


@router.get("/me/", response=MeOut, summary="Den inloggade användaren")
def me(request: HttpRequest):
    user = request.user
    return {
        "username": user.username,
        "name": user.get_full_name(),
        "role": user.role,
        "organisation": user.organisation.code if user.organisation_id else None,
    }
