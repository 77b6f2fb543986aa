import { z } from "zod";
import type { HerokuApp, HerokuWebhook, HerokuWebhookDelivery } from "./types";

// The wire shapes of Heroku's answers. Kept apart from ./types so the published declarations of the
// public types never import zod: a consumer compiling without esModuleInterop or skipLibCheck would
// otherwise type-check zod's own declaration files, which need esModuleInterop. Each transform is typed to
// return the hand-written interface, so a schema and its interface cannot drift apart unnoticed.

const level = z.enum(["notify", "sync"]);

/** Wire shape of an app. */
export const herokuAppSchema = z
  .object({ id: z.string(), name: z.string(), web_url: z.string().nullish() })
  .transform((app): HerokuApp => ({ id: app.id, name: app.name, webUrl: app.web_url ?? undefined }));

/** Wire shape of an app webhook. */
export const herokuWebhookSchema = z
  .object({
    id: z.string(),
    app: z.object({ id: z.string(), name: z.string() }),
    url: z.string(),
    include: z.array(z.string()),
    level,
    created_at: z.string(),
    updated_at: z.string(),
  })
  .transform((webhook): HerokuWebhook => ({
    id: webhook.id,
    app: webhook.app,
    url: webhook.url,
    include: webhook.include,
    level: webhook.level,
    createdAt: webhook.created_at,
    updatedAt: webhook.updated_at,
  }));

/** Wire shape of a webhook delivery. */
export const herokuWebhookDeliverySchema = z
  .object({
    id: z.string(),
    event: z.object({ id: z.string(), include: z.string() }),
    webhook: z.object({ id: z.string(), level }),
    status: z.string(),
    num_attempts: z.number(),
    next_attempt_at: z.string().nullish(),
    last_attempt: z
      .object({
        id: z.string(),
        code: z.number().nullish(),
        error_class: z.string().nullish(),
        status: z.string(),
        created_at: z.string(),
      })
      .nullish(),
    created_at: z.string(),
  })
  .transform((delivery): HerokuWebhookDelivery => ({
    id: delivery.id,
    event: delivery.event,
    webhook: delivery.webhook,
    status: delivery.status,
    numAttempts: delivery.num_attempts,
    nextAttemptAt: delivery.next_attempt_at ?? null,
    lastAttempt: delivery.last_attempt
      ? {
          id: delivery.last_attempt.id,
          code: delivery.last_attempt.code ?? null,
          errorClass: delivery.last_attempt.error_class ?? null,
          status: delivery.last_attempt.status,
          createdAt: delivery.last_attempt.created_at,
        }
      : null,
    createdAt: delivery.created_at,
  }));

/** Wire shape of `GET /account/rate-limits`. */
export const herokuRateLimitSchema = z.object({ remaining: z.number() });

/** Wire shape of a Heroku error body: `{id, message, url?}`. */
export const herokuErrorBodySchema = z.object({ id: z.string().optional(), message: z.string().optional() });
