"""One Heroku app wired into a Squadcast service, and a fleet of apps into another, in Python on the
generated SDK (sdk/python). The heroku-squadcast provider plugin serves both components."""

import pulumi
import pulumi_heroku_squadcast as herokusquadcast
from pulumi_heroku_squadcast import heroku, squadcast


def define() -> None:
    billing = herokusquadcast.Integration(
        "billing",
        app="billing-api",
        service=squadcast.ServiceReferenceArgs(name="billing", team="Platform"),
        entities="resolvable",
        level=heroku.WebhookLevel.SYNC,
    )
    fleet = herokusquadcast.Fleet(
        "storefront",
        service=squadcast.ServiceReferenceArgs(id="5f8891527f735f0a6646f3b6"),
        apps=[
            "storefront-web",
            herokusquadcast.FleetAppArgs(app="storefront-worker", level=heroku.WebhookLevel.NOTIFY),
        ],
        entities="deploys",
    )
    pulumi.export("webhookId", billing.webhook_id)
    pulumi.export("fleetApps", fleet.apps)
