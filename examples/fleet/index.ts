import { fleetProgram } from "./program";

export const { serviceIds, webhooks, apps } = fleetProgram();
