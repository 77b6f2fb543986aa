import { fleetProgram } from "./program";

export const { alertSources, webhooks } = fleetProgram();
