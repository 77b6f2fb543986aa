import { z } from "zod";
import { isLoopbackHost } from "../config";
import { orUnknown } from "../resource-kit/unknown";
import { DEFAULT_LEVEL } from "./webhook-settings";

// The validation of AppWebhook's arguments at check time, kept apart from the provider's API work.

const APP_NAME = /^[a-z][a-z0-9-]{1,28}[a-z0-9]$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_URL_LENGTH = 2048;
const MAX_HEADER_VALUE_LENGTH = 1024;
// "<app>/<webhook id>", or "<app>:<webhook id>" as Terraform's heroku_app_webhook import takes it.
export const ADOPT_ID = /^([^/:\s]+)[/:]([0-9a-f-]{36})$/i;

const appIdentity = z
  .string({ error: "app must be a Heroku app name or id" })
  .refine((app) => APP_NAME.test(app) || UUID.test(app), {
    message:
      "app must be a Heroku app name (3 to 30 lowercase letters, digits and dashes, starting with a letter) or an app id",
  });

/** The arguments `check` validates (`entities` and `include` are resolved separately); unknown values pass. */
export const appWebhookInputSchema = z.object({
  app: orUnknown(appIdentity),
  url: orUnknown(z.string({ error: "url must be a string" }).superRefine(checkWebhookUrl)),
  entities: z.unknown().optional(),
  include: z.unknown().optional(),
  level: orUnknown(z.enum(["notify", "sync"], { error: "level must be notify or sync" })).default(
    DEFAULT_LEVEL,
  ),
  secret: orUnknown(
    z
      .string({ error: "secret must be a string" })
      .min(1, "secret must not be empty: omit it to let Heroku generate one")
      .max(MAX_HEADER_VALUE_LENGTH, `secret must be at most ${MAX_HEADER_VALUE_LENGTH} characters`),
  ).optional(),
  authorization: orUnknown(
    z
      .string({ error: "authorization must be a string" })
      .min(1, "authorization must not be empty: omit it to send no Authorization header")
      .max(MAX_HEADER_VALUE_LENGTH, `authorization must be at most ${MAX_HEADER_VALUE_LENGTH} characters`),
  ).optional(),
  adopt: orUnknown(
    z
      .string({ error: "adopt must be a string" })
      .regex(
        ADOPT_ID,
        'adopt must be "<app>/<webhook id>" or "<app>:<webhook id>", e.g. "my-app/01234567-89ab-…"',
      ),
  ).optional(),
});

/**
 * Says what is wrong with a webhook URL without ever repeating it: a Squadcast URL carries a key.
 */
function checkWebhookUrl(url: string, context: z.RefinementCtx): void {
  if (url.length > MAX_URL_LENGTH) {
    context.addIssue({ code: "custom", message: `url must be at most ${MAX_URL_LENGTH} characters` });
    return;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    context.addIssue({
      code: "custom",
      message: "url must be an absolute URL such as https://example.com/hook",
    });
    return;
  }
  if (parsed.protocol !== "https:" && !(parsed.protocol === "http:" && isLoopbackHost(parsed.hostname))) {
    context.addIssue({
      code: "custom",
      message: "url must use https (plain http is accepted only for loopback addresses such as the sandbox)",
    });
  }
}
