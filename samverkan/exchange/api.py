from ninja import Router

router = Router(tags=["Utbyte av insatser"])

# The public catalogue as open data: no login.
public_router = Router(tags=["Katalog (öppna data)"], auth=None)
