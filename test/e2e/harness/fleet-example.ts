import type { Sandbox } from "heroku-squadcast-sandbox";
import { FLEET_APPS } from "../../../examples/fleet/program";

/** The Squadcast services the fleet example routes its apps to, all in the sandbox's default team. */
export const FLEET_SERVICES: readonly string[] = ["shop-service", "payments-service"];

/** Creates in the sandbox what the fleet example expects to find: its Heroku apps and Squadcast services. */
export async function createFleetEstate(sandbox: Sandbox): Promise<void> {
  for (const app of FLEET_APPS) await sandbox.admin.createHerokuApp(app);
  for (const service of FLEET_SERVICES) await sandbox.admin.createSquadcastService(service, "Default Team");
}
