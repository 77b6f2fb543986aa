import { z } from "zod";
import type { ErrorParser } from "../../http";
import type {
  SquadcastAlertSourceType,
  SquadcastDedupKeyOverlay,
  SquadcastOrganization,
  SquadcastService,
  SquadcastTeam,
} from "./types";

// The wire shapes of Squadcast's answers. Kept apart from ./types so the declarations of the types never
// import zod, as the Heroku client's are (see ../heroku/schemas.ts): a consumer compiling without
// esModuleInterop or skipLibCheck would otherwise type-check zod's own declaration files. Each transform is
// typed to return the hand-written interface, so a schema and its interface cannot drift apart unnoticed.

/** Wraps a schema in Squadcast's success envelope `{data: ...}` and unwraps it. */
export function inEnvelope<Schema extends z.ZodType>(data: Schema): z.ZodType<z.output<Schema>> {
  return z.object({ data }).transform((envelope) => (envelope as { data: z.output<Schema> }).data);
}

/** Wire shape of the token exchange's `data`. */
export const accessTokenSchema = z.object({
  access_token: z.string().min(1),
  expires_at: z.number(),
  issued_at: z.number().optional(),
  type: z.string().optional(),
});

/** Wire shape of a team. */
export const teamSchema = z
  .object({ id: z.string(), name: z.string(), default: z.boolean().nullish() })
  .transform((team): SquadcastTeam => ({ id: team.id, name: team.name, isDefault: team.default === true }));

/** Wire shape of a service. */
export const serviceSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    slug: z.string().nullish(),
    email: z.string().nullish(),
    api_key: z.string().min(1),
    owner: z.object({ id: z.string() }).nullish(),
    escalation_policy_id: z.string().nullish(),
    config: z.object({ dedup_key_enabled: z.boolean().nullish() }).nullish(),
  })
  .transform((service): SquadcastService => ({
    id: service.id,
    name: service.name,
    slug: service.slug ?? undefined,
    email: service.email ?? undefined,
    apiKey: service.api_key,
    teamId: service.owner?.id ?? undefined,
    escalationPolicyId: service.escalation_policy_id ?? undefined,
    dedupKeyEnabled: service.config?.dedup_key_enabled ?? undefined,
  }));

/** Wire shape of an alert-source catalog entry. */
export const alertSourceTypeSchema = z
  .object({
    _id: z.string().min(1),
    type: z.string().nullish(),
    shortName: z.string().min(1),
    // Squadcast: "Almost all other alert sources will be v1" (only the Incident Webhook is v2).
    version: z.string().min(1).nullish(),
    displayKeyOnly: z.boolean().nullish(),
    isValid: z.boolean().nullish(),
    isPrivate: z.boolean().nullish(),
    deprecated: z.boolean().nullish(),
  })
  .transform((source): SquadcastAlertSourceType => ({
    id: source._id,
    type: source.type ?? source.shortName,
    shortName: source.shortName,
    version: source.version ?? "v1",
    displayKeyOnly: source.displayKeyOnly === true,
    // The same filter as the official Terraform provider's AlertSourcesList.Available().
    available: source.isValid !== false && source.isPrivate !== true && source.deprecated !== true,
  }));

/** Wire shape of a service's active alert sources. */
export const activeAlertSourcesSchema = z.object({
  alert_sources: z
    .array(z.object({ alert_source_id: z.string() }))
    .nullish()
    .transform((sources) => (sources ?? []).map((source) => source.alert_source_id)),
});

/** Wire shape of the organization. */
export const organizationSchema = z
  .object({ id: z.string(), name: z.string(), slug: z.string().nullish() })
  .transform((organization): SquadcastOrganization => ({
    id: organization.id,
    name: organization.name,
    slug: organization.slug ?? undefined,
  }));
/**
 * `V3.Services.Overlay.Overlay` of Squadcast's OpenAPI specification: the answer of the overlay GET and
 * PUT, which carries the template under `overlay` (the PUT sends it under `dedup_key_overlay`).
 */
export const dedupKeyOverlaySchema = z
  .object({
    alert_source_shortname: z.string(),
    overlay: z.object({ template: z.string(), duration: z.number().int() }),
    updated_by: z.string().nullish(),
  })
  .transform((overlay): SquadcastDedupKeyOverlay => ({
    alertSource: overlay.alert_source_shortname,
    template: overlay.overlay.template,
    durationMinutes: overlay.overlay.duration,
    updatedBy: overlay.updated_by ?? undefined,
  }));

/** `GET /v3/services/{id}/config`: the service's opt-in to key-based deduplication. */
export const serviceConfigSchema = z.object({ dedup_key_enabled: z.boolean() });

/** Wire shape of a Squadcast error body: `{meta: {status, error_message}}`; status may be a number or a string. */
export const squadcastErrorBodySchema = z.object({
  meta: z.object({
    status: z.union([z.number(), z.string()]).optional(),
    error_message: z.string().optional(),
  }),
});

/**
 * Reads Squadcast's `{meta: {status, error_message}}` error body. Squadcast sends no request id.
 *
 * @param response - the error response.
 * @returns the error code (`meta.status`), the message and, for common statuses, a hint.
 */
export const parseSquadcastError: ErrorParser = (response) => {
  const body = squadcastErrorBodySchema.safeParse(response.body);
  const meta = body.success ? body.data.meta : undefined;
  return {
    errorId: meta?.status === undefined ? undefined : String(meta.status),
    apiMessage: meta?.error_message,
    hint: squadcastHint(response.status),
  };
};

function squadcastHint(status: number): string | undefined {
  if (status === 401) {
    return "Squadcast rejected a freshly issued access token; check that the refresh token (squadcast:refreshToken or SQUADCAST_REFRESH_TOKEN) was not revoked";
  }
  if (status === 403) {
    return "The refresh token's role lacks permission for this; use a token of a user who can manage the service";
  }
  return undefined;
}
