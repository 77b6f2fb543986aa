import { isNotFoundError } from "../http/errors";
import { repeatWhileTransient } from "../http/repeat";
import type { HerokuWebhook } from "../clients/heroku/client";
import type { ProviderContext } from "../resource-kit/context";

// The Heroku reads that `check` makes ahead of `create` (see resource-kit/preflight.ts), kept per process
// so that `create` reuses them: the app's webhooks (does the app exist, can the key see it, is there a
// webhook to adopt) and a webhook named by `adopt`.

const webhooksKey = (app: string) => `heroku-app-webhooks:${app}`;
const webhookKey = (app: string, webhookId: string) => `heroku-webhook:${app}/${webhookId}`;

/**
 * The app's webhooks, read once per process and kept for the next {@link takeAppWebhooks}. A 404 (no such
 * app, or the key cannot see it) is Heroku's own error with its hint, the same whether `check` or
 * `create` meets it.
 */
export function appWebhooks(context: ProviderContext, app: string): Promise<HerokuWebhook[]> {
  return context.remember(webhooksKey(app), () =>
    repeatWhileTransient(() => context.heroku().listWebhooks(app)),
  );
}

/**
 * The app's webhooks for `create`: the listing `check` kept, used once, else a fresh one. Used once
 * because it is read just before the webhook is made; any later look must see what changed since.
 */
export function takeAppWebhooks(context: ProviderContext, app: string): Promise<HerokuWebhook[]> {
  return (
    context.take<HerokuWebhook[]>(webhooksKey(app)) ??
    repeatWhileTransient(() => context.heroku().listWebhooks(app))
  );
}

/**
 * The webhook an `adopt` names, checked to belong to `app`, with the message `pulumi up` gives for a
 * wrong one. Kept once per process like {@link appWebhooks}; `take` hands it over to `create`.
 *
 * @param context - the provider process's context.
 * @param app - the resource's app (name or id).
 * @param adoptApp - the app the `adopt` id names.
 * @param webhookId - the webhook the `adopt` id names.
 * @param take - true for `create`: use the kept answer once, then forget it.
 */
export async function adoptableWebhook(
  context: ProviderContext,
  app: string,
  adoptApp: string,
  webhookId: string,
  take = false,
): Promise<HerokuWebhook> {
  const load = () => repeatWhileTransient(() => context.heroku().getWebhook(adoptApp, webhookId));
  const key = webhookKey(adoptApp, webhookId);
  let webhook: HerokuWebhook;
  try {
    webhook = await (take ? (context.take<HerokuWebhook>(key) ?? load()) : context.remember(key, load));
  } catch (error) {
    if (isNotFoundError(error)) {
      throw new Error(
        `adopt: Heroku has no webhook ${webhookId} on app ${adoptApp}; check the id with \`heroku webhooks -a ${adoptApp}\``,
        { cause: error },
      );
    }
    throw error;
  }
  if (webhook.app.id !== app && webhook.app.name !== app) {
    throw new Error(`adopt: webhook ${webhookId} belongs to app ${webhook.app.name}, not to ${app}`);
  }
  return webhook;
}
