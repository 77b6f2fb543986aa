import type { AppWebhookInputs, AppWebhookState } from "../../../src/heroku/app-webhook-state";
import { AppWebhookProvider } from "../../../src/heroku/app-webhook";
import { ProviderContext } from "../../../src/resource-kit/context";
import type { Sandbox } from "heroku-squadcast-sandbox";
import { AlertSourceProvider } from "../../../src/squadcast/alert-source";
import type { AlertSourceInputs, AlertSourceState } from "../../../src/squadcast/alert-source-state";
import { checkThenCreate } from "../../support/check-then-create";
import { verifySettingsFromEnv, type VerifySettings } from "../../../src/verify";

/** What {@link wireDemoApp} made, to undo parts of it by hand. */
export interface Wiring {
  readonly context: ProviderContext;
  readonly alertSource: { readonly id: string; readonly state: AlertSourceState };
  readonly webhook: { readonly id: string; readonly state: AppWebhookState };
}

/**
 * Wires demo-app into demo-service the way `pulumi up` does, through the two providers: check, then
 * create, with the alert source's URL fed into the webhook.
 */
export async function wireDemoApp(
  sandbox: Sandbox,
  entities: readonly string[] = ["api:build", "dyno"],
): Promise<Wiring> {
  const context = new ProviderContext({ ...sandbox.env });
  const source = await checkThenCreate<AlertSourceInputs, AlertSourceState>(
    new AlertSourceProvider(context),
    {
      serviceName: "demo-service",
      team: "Default Team",
    },
  );
  const hook = await checkThenCreate<AppWebhookInputs, AppWebhookState>(new AppWebhookProvider(context), {
    app: "demo-app",
    url: source.outs.webhookUrl,
    entities,
  });
  return {
    context,
    alertSource: { id: source.id, state: source.outs },
    webhook: { id: hook.id, state: hook.outs },
  };
}

/** Verify's settings for the sandbox, from the env it hands out; `without` drops variables. */
export function sandboxSettings(sandbox: Sandbox, ...without: string[]): VerifySettings {
  const env: Record<string, string> = { ...sandbox.env };
  for (const name of without) delete env[name];
  return verifySettingsFromEnv(env);
}

/** The fixture service's key, which no output may contain. */
export async function demoServiceKey(sandbox: Sandbox): Promise<string> {
  const services = await sandbox.admin.squadcastServices();
  const service = services.find((candidate) => candidate.name === "demo-service");
  if (!service) throw new Error("the sandbox has no demo-service");
  return service.api_key;
}

/** A failed build of demo-app, delivered by the sandbox's Heroku to the app's webhooks. */
export function failedBuild(sandbox: Sandbox) {
  return sandbox.admin.simulateHerokuEvent("demo-app", {
    resource: "build",
    action: "update",
    data: { id: "5b0c1c1e-2a3d-4e5f-8a9b-0c1d2e3f4a5b", status: "failed", app: { name: "demo-app" } },
  });
}
