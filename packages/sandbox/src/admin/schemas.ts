import { z } from "zod";
import { SandboxApiError } from "../api-error";
import { SANDBOX_APIS } from "../apis";

/**
 * `POST /__sandbox/heroku/apps`: a Heroku app name (3-30 characters, as Heroku's app identity schema), and
 * the name of a team to create it in (default: a personal app).
 */
export const CreateAppRequest = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9-]{1,28}[a-z0-9]$/, "must be a Heroku app name"),
  team: z.string().min(1).optional(),
});

const jsonObject = z.record(z.string(), z.unknown());

/** `POST /__sandbox/heroku/apps/{app}/events`: something that happened to the app. */
export const SimulateEventRequest = z.strictObject({
  resource: z.string().min(1),
  action: z.enum(["create", "update", "destroy"]),
  data: jsonObject,
  previous_data: jsonObject.optional(),
  actor: z.strictObject({ email: z.string(), id: z.string() }).optional(),
  schedule: z.enum(["now", "later", "retry-later"]).optional(),
});

/** `POST /__sandbox/squadcast/services`: a service, in a team given by name or id (created if unknown). */
export const CreateServiceRequest = z.strictObject({
  name: z.string().min(1),
  team: z.string().min(1).optional(),
});

/** `POST /__sandbox/squadcast/services/{id}/deduplication`: fold repeated triggers of a key, or not. */
export const SetDeduplicationRequest = z.strictObject({ enabled: z.boolean() });

/** `POST /__sandbox/squadcast/clock`: how far to move Squadcast's clock, up to a week. */
export const AdvanceClockRequest = z.strictObject({
  minutes: z
    .number()
    .positive()
    .max(7 * 24 * 60),
});

/** `POST /__sandbox/squadcast/catalog`: an entry of any shape, put before the catalog's own. */
export const AddCatalogEntryRequest = z.strictObject({ entry: jsonObject });

/** `POST /__sandbox/sentry/projects`: a project with the Heroku plugin configured. */
export const CreateProjectRequest = z.strictObject({
  id: z.union([z.string().regex(/^\d+$/), z.number().int().positive()]).optional(),
  slug: z.string().min(1),
  webhookSecret: z.string().min(1).nullable(),
  releaseToken: z.string().min(1).nullable(),
  environment: z.string().max(64).optional(),
  repository: z.string().optional(),
  members: z.array(z.string()).optional(),
  pluginEnabled: z.boolean().optional(),
  strictSignatures: z.boolean().optional(),
});

/** `POST /__sandbox/sentry/hook-removal`: every hook URL answers this status (the plugin is gone), or null. */
export const HookRemovalRequest = z.strictObject({
  status: z.union([z.literal(404), z.literal(410)]).nullable(),
});

/** `POST /__sandbox/faults`. */
export const AddFaultRequest = z
  .strictObject({
    target: z.enum(SANDBOX_APIS),
    // Below 400 only with a body: a success status over a malformed body (an HTML page, cut-off JSON).
    status: z.number().int().min(200).max(599).optional(),
    retryAfterSeconds: z.number().int().min(0).optional(),
    count: z.number().int().positive().optional(),
    rate: z.number().min(0).max(1).optional(),
    seed: z.number().int().optional(),
    latencyMs: z.number().int().min(0).max(120_000).optional(),
    method: z.string().min(1).optional(),
    pathPattern: z.string().refine(isRegularExpression, "must be a valid regular expression").optional(),
    dropResponseAfterHandling: z.boolean().optional(),
    body: z.string().optional(),
    contentType: z.string().optional(),
  })
  .refine(
    (fault) =>
      fault.status !== undefined ||
      fault.body !== undefined ||
      fault.latencyMs !== undefined ||
      fault.dropResponseAfterHandling === true,
    { message: "a fault needs status, body, latencyMs or dropResponseAfterHandling" },
  )
  .refine((fault) => fault.status === undefined || fault.status >= 400 || fault.body !== undefined, {
    message: "a status below 400 needs a body: the malformed answer to send",
    path: ["status"],
  })
  .refine(
    (fault) => !(fault.dropResponseAfterHandling && (fault.status !== undefined || fault.body !== undefined)),
    {
      message: "dropResponseAfterHandling cannot be combined with status or body",
    },
  )
  .refine((fault) => !(fault.count !== undefined && fault.rate !== undefined), {
    message: "use count or rate, not both",
  });

/** `POST /__sandbox/latency`. */
export const SetLatencyRequest = z.strictObject({ latencyMs: z.number().int().min(0).max(120_000) });

/** Parses an admin request body, throwing a 400 that says what is wrong. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {});
  if (!result.success) {
    throw new SandboxApiError(400, z.prettifyError(result.error).replace(/\n\s*/g, " "));
  }
  return result.data;
}

function isRegularExpression(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}
