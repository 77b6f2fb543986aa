import { createHmac } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { HEROKU_MEDIA_TYPE } from "./conventions";
import { entityOfEvent } from "./entities";
import { newUuid } from "../ids";
import {
  herokuTimestamp,
  type HerokuApp,
  type HerokuState,
  type HerokuWebhookDelivery,
  type HerokuWebhookEvent,
  type StoredWebhook,
} from "./state";

/** Something that happened to an app, to be delivered to its webhooks. */
export interface SimulatedEvent {
  /** The resource, without `api:` (`build`, `release`, `dyno`, ...). */
  readonly resource: string;
  /** What happened to it. */
  readonly action: "create" | "update" | "destroy";
  /** The resource as the Platform API represents it. */
  readonly data: Record<string, unknown>;
  /** Previous values of the fields that changed. Default: `{}`. */
  readonly previous_data?: Record<string, unknown>;
  /** Who did it. Default: the account that owns the sandbox's API key. */
  readonly actor?: { readonly email: string; readonly id: string };
  /**
   * When deliveries are attempted, to show the states Heroku reports for deliveries still under way:
   * `now` attempts them at once (and retries a `sync` one at once); `later` attempts none and leaves each
   * `scheduled` with a `next_attempt_at`; `retry-later` makes the first attempt and, should it fail on a
   * `sync` webhook, leaves the delivery `retrying` with a `next_attempt_at` instead of retrying. Default: `now`.
   */
  readonly schedule?: "now" | "later" | "retry-later";
}

/** How one delivery of a simulated event went. */
export interface DeliveryOutcome {
  /** The delivery's id, as in `GET /apps/{app}/webhook-deliveries`. */
  readonly deliveryId: string;
  /** The webhook delivered to. */
  readonly webhookId: string;
  /** Where the delivery was POSTed. */
  readonly url: string;
  /** Whether the last attempt got a 2xx; `scheduled` or `retrying` while an attempt is still due. */
  readonly status: "succeeded" | "failed" | "scheduled" | "retrying";
  /** Status code of the last attempt; null when no response came back. */
  readonly code: number | null;
  /** How many attempts were made. */
  readonly attempts: number;
}

/** A simulated event and its deliveries. */
export interface SimulatedEventResult {
  /** The event, as in `GET /apps/{app}/webhook-events`. */
  readonly event: HerokuWebhookEvent;
  /** One outcome per webhook whose `include` has the event's entity. */
  readonly deliveries: DeliveryOutcome[];
}

/** Timing of deliveries. */
export interface DeliveryOptions {
  /** How long one attempt may take, in milliseconds. Default: 10 000. */
  readonly timeoutMs?: number;
  /** Pause between attempts of a `sync` webhook, in milliseconds. Default: 20. */
  readonly retryDelayMs?: number;
}

/** Attempts per delivery: `notify` is fire-and-forget; `sync` retries, here quickly and at most 3 times. */
const ATTEMPTS = { notify: 1, sync: 3 } as const;

/**
 * Records an event of an app and delivers it, as Heroku would, to every webhook of the app whose
 * `include` has the event's entity, in parallel; resolves once every delivery has finished.
 */
export async function deliverEvent(
  state: HerokuState,
  app: HerokuApp,
  input: SimulatedEvent,
  options: DeliveryOptions = {},
): Promise<SimulatedEventResult> {
  const now = herokuTimestamp();
  const include = entityOfEvent(input.resource, input.action);
  const actor = input.actor ?? { email: state.account.email, id: state.account.id };
  const event: HerokuWebhookEvent = {
    id: newUuid(),
    created_at: now,
    updated_at: now,
    include,
    payload: {
      action: input.action,
      actor,
      data: input.data,
      previous_data: input.previous_data ?? {},
      resource: input.resource,
      version: "1",
    },
  };
  state.eventsOf(app.id).set(event.id, event);
  const subscribed = [...state.webhooksOf(app.id).values()].filter((webhook) =>
    webhook.include.includes(include),
  );
  const deliveries = await Promise.all(
    subscribed.map((webhook) =>
      deliverToWebhook(state, app, event, webhook, { ...options, schedule: input.schedule ?? "now" }),
    ),
  );
  return { event, deliveries };
}

/** How far ahead a deferred attempt is due. Assumption: Heroku's retry intervals are not documented. */
const DEFERRED_ATTEMPT_MS = 5 * 60_000;

async function deliverToWebhook(
  state: HerokuState,
  app: HerokuApp,
  event: HerokuWebhookEvent,
  webhook: StoredWebhook,
  options: DeliveryOptions & { readonly schedule: "now" | "later" | "retry-later" },
): Promise<DeliveryOutcome> {
  const delivery: HerokuWebhookDelivery = {
    id: newUuid(),
    created_at: event.created_at,
    updated_at: event.created_at,
    event: { id: event.id, include: event.include },
    webhook: { id: webhook.id, level: webhook.level },
    num_attempts: 0,
    next_attempt_at: null,
    last_attempt: null,
    status: "pending",
  };
  state.deliveriesOf(app.id).set(delivery.id, delivery);
  // Assumption: the schema's `scheduled` is a delivery whose attempt is due later, and `retrying` one
  // whose attempt failed with another due later; Heroku documents neither.
  const nextAttemptAt = () => herokuTimestamp(new Date(Date.now() + DEFERRED_ATTEMPT_MS));
  if (options.schedule === "later") {
    delivery.status = "scheduled";
    delivery.next_attempt_at = nextAttemptAt();
  }
  const attempts = options.schedule === "now" ? ATTEMPTS[webhook.level] : 1;
  for (let attempt = 1; options.schedule !== "later" && attempt <= attempts; attempt++) {
    if (attempt > 1) await sleep(options.retryDelayMs ?? 20);
    const attemptId = newUuid();
    const result = await attemptDelivery(
      envelope(event, delivery, webhook, attemptId),
      webhook,
      delivery.id,
      options,
    );
    const finishedAt = herokuTimestamp();
    delivery.num_attempts = attempt;
    delivery.updated_at = finishedAt;
    delivery.last_attempt = {
      id: attemptId,
      code: result.code,
      error_class: result.errorClass,
      status: result.succeeded ? "succeeded" : "failed",
      created_at: finishedAt,
      updated_at: finishedAt,
    };
    delivery.status = result.succeeded ? "succeeded" : "failed";
    if (!result.succeeded && options.schedule === "retry-later" && webhook.level === "sync") {
      delivery.status = "retrying";
      delivery.next_attempt_at = nextAttemptAt();
    }
    if (result.succeeded) break;
  }
  return {
    deliveryId: delivery.id,
    webhookId: webhook.id,
    url: webhook.url,
    status: delivery.status === "pending" ? "failed" : delivery.status,
    code: delivery.last_attempt?.code ?? null,
    attempts: delivery.num_attempts,
  };
}

/** The body Heroku POSTs: the event plus metadata naming this attempt, delivery and webhook. */
function envelope(
  event: HerokuWebhookEvent,
  delivery: HerokuWebhookDelivery,
  webhook: StoredWebhook,
  attemptId: string,
): string {
  return JSON.stringify({
    action: event.payload.action,
    actor: event.payload.actor,
    created_at: event.created_at,
    id: event.id,
    data: event.payload.data,
    previous_data: event.payload.previous_data,
    published_at: null,
    resource: event.payload.resource,
    sequence: null,
    updated_at: event.updated_at,
    version: HEROKU_MEDIA_TYPE,
    webhook_metadata: {
      attempt: { id: attemptId },
      delivery: { id: delivery.id },
      event: { id: event.id, include: event.include },
      webhook: { id: webhook.id },
    },
  });
}

interface AttemptResult {
  readonly succeeded: boolean;
  readonly code: number | null;
  readonly errorClass: string | null;
}

async function attemptDelivery(
  body: string,
  webhook: StoredWebhook,
  deliveryId: string,
  options: DeliveryOptions,
): Promise<AttemptResult> {
  if (!isLoopbackUrl(webhook.url)) {
    // A sandbox must never post test data to a real service.
    return { succeeded: false, code: null, errorClass: "SandboxRefusedNonLoopbackUrl" };
  }
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "heroku-webhook-hmac-sha256": createHmac("sha256", webhook.secret).update(body).digest("base64"),
    "heroku-webhook-id": deliveryId,
    // Seen from 3rd-party receivers but not in Heroku's docs; receivers must not depend on it.
    "heroku-webhook-sent-at": new Date().toISOString(),
  };
  if (webhook.authorization !== null) headers.authorization = webhook.authorization;
  try {
    const response = await fetch(webhook.url, {
      method: "POST",
      headers,
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    await response.arrayBuffer();
    const succeeded = response.status >= 200 && response.status < 300;
    return { succeeded, code: response.status, errorClass: succeeded ? null : "HttpError" };
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === "TimeoutError";
    return { succeeded: false, code: null, errorClass: timedOut ? "Timeout" : "ConnectionError" };
  }
}

function isLoopbackUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === "localhost" || host === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
  } catch {
    return false;
  }
}
