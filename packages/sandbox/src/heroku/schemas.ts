/**
 * The request bodies of the app-webhook endpoints, as JSON Schema data, one per endpoint.
 *
 * They follow the `app-webhook` definitions of Heroku's official Platform API hyper-schema (draft-04,
 * served at `https://api.heroku.com/schema` and shipped in Go module `github.com/heroku/heroku-go/v6`):
 * the `create` and `update` links' `schema`, with each property taken from
 * `definitions.app-webhook.definitions`. The package does not ship that 570 KB document, so the part it
 * needs is written out here; the repository's conformance test checks that the sandbox accepts and
 * refuses bodies exactly as the official schema does.
 *
 * One rule of the real API is not in the hyper-schema and is checked in code: `include` items must be
 * webhook entities Dev Center lists (the official schema has no enum).
 */

const appWebhookProperties = {
  authorization: {
    description: "a custom `Authorization` header that Heroku will include with all webhook notifications",
    type: ["null", "string"],
  },
  include: {
    description: "the entities that the subscription provides notifications for",
    type: ["array"],
    items: { type: ["string"] },
  },
  level: {
    description:
      "if `notify`, Heroku makes a single, fire-and-forget delivery attempt. If `sync`, Heroku attempts multiple deliveries until the request is successful or a limit is reached",
    enum: ["notify", "sync"],
  },
  secret: {
    description:
      "a value that Heroku will use to sign all webhook notification requests (the signature is included in the request's `Heroku-Webhook-Hmac-SHA256` header)",
    type: ["null", "string"],
  },
  url: {
    description: "the URL where the webhook's notification requests are sent",
    type: ["string"],
    format: "uri",
  },
} as const;

/** `POST /apps/{app_identity}/webhooks`: the `create` link of `app-webhook`. */
export const APP_WEBHOOK_CREATE_SCHEMA = {
  type: ["object"],
  properties: appWebhookProperties,
  additionalProperties: false,
  required: ["include", "level", "url"],
} as const;

/**
 * `PATCH /apps/{app_identity}/webhooks/{app_webhook_identity}`: the `update` link of `app-webhook`.
 * Nothing is required, and the link says `strictProperties: false`, so unknown properties are tolerated
 * as on the real API.
 */
export const APP_WEBHOOK_UPDATE_SCHEMA = {
  type: ["object"],
  properties: appWebhookProperties,
} as const;
