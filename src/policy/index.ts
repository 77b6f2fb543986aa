/**
 * The policies of the policy pack, to run as they are or to put in a pack of your own. Needs the optional
 * peer dependency `@pulumi/policy`.
 *
 * @module pulumi-heroku-squadcast/policy
 */
import type { Policies } from "@pulumi/policy";
import { fleetCoveragePolicy } from "./fleet-coverage";
import { resolvableEntityPolicy } from "./resolvable-entity";
import { webhookUrlPolicy } from "./webhook-url";

export * from "./fleet-coverage";
export * from "./resolvable-entity";
export * from "./types";
export * from "./webhook-url";

/**
 * The policies of the `heroku-squadcast` policy pack, for `new PolicyPack(name, { policies })`. The
 * pack in this package's `policy/` directory runs exactly these; a pack of your own can pick some and
 * add others.
 *
 * @example
 * // index.js of your own policy pack
 * const { PolicyPack } = require("@pulumi/policy");
 * const { policies } = require("pulumi-heroku-squadcast/policy");
 * new PolicyPack("my-org-heroku", { policies, enforcementLevel: "mandatory" });
 */
export const policies: Policies = [resolvableEntityPolicy, webhookUrlPolicy, fleetCoveragePolicy];
