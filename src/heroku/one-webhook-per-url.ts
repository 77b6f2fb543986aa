import { computeRetryDelay } from "../http/backoff";
import { ApiError } from "../http/errors";
import { pause, repeatWhileTransient } from "../http/repeat";
import { ignoringNotFound } from "../resource-kit/not-found";
import type { HerokuClient, HerokuWebhook, HerokuWebhookSettings } from "../clients/heroku/client";
import type { WebhookOrigin } from "../clients/heroku/types";

export type { WebhookOrigin } from "../clients/heroku/types";

/** Options of {@link ensureOneWebhook}. */
export interface EnsureOneWebhookOptions {
  /**
   * How long to keep looking for the webhook of a creation that failed without a clear answer (a 5xx, a
   * time-out, a lost answer) before creating it again: a slow server may still be making it.
   */
  readonly settleMs: number;
  /**
   * Creations tried at most, counting those whose answer was unclear.
   *
   * @defaultValue 5
   */
  readonly maxCreations?: number;
  /**
   * The app's webhooks as just listed (by the preview-time check of the same process), used instead of
   * the first listing.
   *
   * @defaultValue listed here
   */
  readonly listed?: readonly HerokuWebhook[];
  /**
   * Waits; replaceable in tests.
   *
   * @defaultValue a timer
   */
  readonly sleep?: (milliseconds: number) => Promise<void>;
}

/** What {@link ensureOneWebhook} found or made. */
export interface EnsuredWebhook {
  /** The one webhook of the app with the URL. */
  readonly webhook: HerokuWebhook;
  /** `created`, or `adopted-by-url` when it existed before. */
  readonly origin: Exclude<WebhookOrigin, "adopted-by-id">;
  /** The signing secret Heroku generated, when this call created the webhook and Heroku sent it. */
  readonly generatedSecret?: string;
  /** Creations whose answer was unclear, so the outcome had to be looked up. */
  readonly unclearCreations: number;
  /** Ids of the other webhooks with the same URL that were deleted: each delivered every event again. */
  readonly removedDuplicates: readonly string[];
}

/**
 * Leaves exactly one webhook of `app` with `settings.url`, creating it if there is none, and says how.
 *
 * A creation that fails without a clear answer may still have happened, or happen later on a slow
 * server, so it is never repeated blindly: the app's webhooks are listed with backoff until the webhook
 * shows up or `settleMs` has passed, and only then is it created again. Once the webhook exists, any
 * other webhook of the app with the same URL (left by an earlier creation, a person or another tool) is
 * deleted, since each one delivers every event a second time.
 *
 * @param heroku - the client.
 * @param app - app name or id.
 * @param settings - what a new webhook gets; an existing one is returned as it is.
 * @param options - how long to wait for an unclear creation, and how many to try.
 * @throws Error quoting the last creation's failure when every creation failed and none made a webhook.
 */
export async function ensureOneWebhook(
  heroku: HerokuClient,
  app: string,
  settings: HerokuWebhookSettings,
  options: EnsureOneWebhookOptions,
): Promise<EnsuredWebhook> {
  const sleep = options.sleep ?? pause;
  const existing =
    options.listed === undefined
      ? await webhooksWithUrl(heroku, app, settings.url)
      : options.listed.filter((webhook) => webhook.url === settings.url);
  if (existing.length > 0) {
    const [keep, ...extra] = oldestFirst(existing);
    const removedDuplicates = await removeWebhooks(heroku, extra);
    return { webhook: keep, origin: "adopted-by-url", unclearCreations: 0, removedDuplicates };
  }
  const maxCreations = options.maxCreations ?? 5;
  let unclearCreations = 0;
  for (;;) {
    try {
      const { webhook, generatedSecret } = await heroku.createWebhook(app, settings);
      // A creation whose answer was lost earlier may have landed since: keep only this one.
      const removedDuplicates =
        unclearCreations === 0 ? [] : await removeCopies(heroku, app, settings.url, webhook.id);
      return withoutUndefinedSecret({
        webhook,
        origin: "created",
        generatedSecret,
        unclearCreations,
        removedDuplicates,
      });
    } catch (error) {
      if (!isUnclearCreation(error)) throw error;
      unclearCreations += 1;
      const found = await settle(heroku, app, settings.url, options.settleMs, sleep);
      if (found.length > 0) {
        const [keep, ...extra] = oldestFirst(found);
        const removedDuplicates = await removeWebhooks(heroku, extra);
        return { webhook: keep, origin: "created", unclearCreations, removedDuplicates };
      }
      if (unclearCreations >= maxCreations) throw gaveUp(app, unclearCreations, options.settleMs, error);
    }
  }
}

/**
 * Deletes every webhook of `app` with `url` but `keepId`, and returns their ids: used after adopting a
 * webhook by id, whose URL other webhooks of the app may share.
 */
export async function removeCopies(
  heroku: HerokuClient,
  app: string,
  url: string,
  keepId: string,
): Promise<string[]> {
  const copies = await webhooksWithUrl(heroku, app, url);
  return removeWebhooks(
    heroku,
    copies.filter((webhook) => webhook.id !== keepId),
  );
}

/**
 * Whether a failed creation may have happened anyway: a 5xx, a time-out, a dropped connection, a 2xx
 * whose body could not be read, or a 429 that outlasted the retries (harmless: nothing is found and it is
 * created again). A clear refusal (422, 404, 403…) made nothing.
 */
function isUnclearCreation(error: unknown): boolean {
  return error instanceof ApiError && !(error.kind === "http" && !error.retryable);
}

function gaveUp(app: string, creations: number, settleMs: number, last: unknown): Error {
  // The client's advice ("not repeated… check before running again") no longer holds: it was checked.
  const lastFailure = (last as Error).message.replace(/\. The request was not repeated because .*$/, "");
  return new Error(
    `${creations} creations of a webhook on app ${app} failed without a clear answer, and none appeared ` +
      `within ${settleMs} ms after each, so the app has none: run again later. Last failure: ${lastFailure}`,
    { cause: last },
  );
}

/** Lists the app's webhooks with `url` until one shows up or `settleMs` has passed. */
async function settle(
  heroku: HerokuClient,
  app: string,
  url: string,
  settleMs: number,
  sleep: (milliseconds: number) => Promise<void>,
): Promise<HerokuWebhook[]> {
  const deadline = Date.now() + settleMs;
  for (let poll = 1; ; poll++) {
    const delay = computeRetryDelay({ retryNumber: poll, baseDelayMs: 250, maxDelayMs: 2_000 });
    await sleep(Math.max(0, Math.min(delay, deadline - Date.now())));
    const found = await webhooksWithUrl(heroku, app, url);
    if (found.length > 0 || Date.now() >= deadline) return found;
  }
}

function webhooksWithUrl(heroku: HerokuClient, app: string, url: string): Promise<HerokuWebhook[]> {
  return repeatWhileTransient(async () =>
    (await heroku.listWebhooks(app)).filter((webhook) => webhook.url === url),
  );
}

async function removeWebhooks(heroku: HerokuClient, webhooks: readonly HerokuWebhook[]): Promise<string[]> {
  for (const webhook of webhooks) {
    await repeatWhileTransient(() =>
      ignoringNotFound(() => heroku.deleteWebhook(webhook.app.id, webhook.id)),
    );
  }
  return webhooks.map((webhook) => webhook.id);
}

/** The oldest first (ties by id), so every run keeps the same one of several copies. */
function oldestFirst(webhooks: readonly HerokuWebhook[]): [HerokuWebhook, ...HerokuWebhook[]] {
  const sorted = [...webhooks].sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
  );
  return sorted as [HerokuWebhook, ...HerokuWebhook[]];
}

function withoutUndefinedSecret(result: EnsuredWebhook): EnsuredWebhook {
  if (result.generatedSecret !== undefined) return result;
  const { generatedSecret: _omitted, ...rest } = result;
  return rest;
}
