// A Pulumi program in Go on the generated SDK (sdk/go): one Heroku app wired into a Squadcast service,
// and a fleet of apps into another. The heroku-squadcast provider plugin serves both components.
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	herokusquadcast "github.com/pulumi-heroku-squadcast/pulumi-heroku-squadcast/sdk/go/herokusquadcast"
	"github.com/pulumi-heroku-squadcast/pulumi-heroku-squadcast/sdk/go/herokusquadcast/heroku"
	"github.com/pulumi-heroku-squadcast/pulumi-heroku-squadcast/sdk/go/herokusquadcast/squadcast"
)

func program(ctx *pulumi.Context) error {
	billing, err := herokusquadcast.NewIntegration(ctx, "billing", &herokusquadcast.IntegrationArgs{
		App:      pulumi.String("billing-api"),
		Service:  squadcast.ServiceReferenceArgs{Name: pulumi.String("billing"), Team: pulumi.String("Platform")},
		Entities: pulumi.String("resolvable"),
		Level:    heroku.WebhookLevelSync,
	})
	if err != nil {
		return err
	}
	fleet, err := herokusquadcast.NewFleet(ctx, "storefront", &herokusquadcast.FleetArgs{
		Service: squadcast.ServiceReferenceArgs{Id: pulumi.String("5f8891527f735f0a6646f3b6")},
		Apps: pulumi.Array{
			pulumi.String("storefront-web"),
			herokusquadcast.FleetAppArgs{App: pulumi.String("storefront-worker"), Level: heroku.WebhookLevelNotify},
		},
		Entities: pulumi.String("deploys"),
	})
	if err != nil {
		return err
	}
	ctx.Export("webhookId", billing.WebhookId)
	ctx.Export("fleetApps", fleet.Apps)
	return nil
}

func main() {
	pulumi.Run(program)
}
