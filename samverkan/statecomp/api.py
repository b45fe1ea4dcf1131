from ninja import Router

router = Router(tags=["Statlig ersättning"])
