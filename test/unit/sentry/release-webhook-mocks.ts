import * as pulumi from "@pulumi/pulumi";

export const RELEASE_WEBHOOK = "pulumi-nodejs:dynamic/sentry:ReleaseWebhook";
export const SENTRY_RELEASES = "heroku-squadcast:index:SentryReleases";

/** One resource the program registered, with the inputs the engine would have received. */
export interface Registration {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
}

/** The id the mock gives an app's release webhook. */
export function webhookIdOf(app: unknown): string {
  return `webhook-of-${String(app)}`;
}

/** Records every registration; release webhooks get {@link webhookIdOf} their app, anything else throws. */
export function installReleaseWebhookMocks(): Registration[] {
  const registrations: Registration[] = [];
  pulumi.runtime.setMocks(
    {
      newResource(args) {
        registrations.push({ type: args.type, name: args.name, inputs: args.inputs });
        if (args.type === SENTRY_RELEASES) return { id: undefined, state: {} };
        if (args.type !== RELEASE_WEBHOOK) throw new Error(`Mock resource not implemented: ${args.type}`);
        const webhookId = webhookIdOf(args.inputs.app);
        return { id: webhookId, state: { ...args.inputs, webhookId } };
      },
      call(args) {
        throw new Error(`Mock call not implemented: ${args.token}`);
      },
    },
    "project",
    "stack",
    false,
  );
  return registrations;
}

/** The value of an output, once the mocks have answered. */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

/** An input the way the engine receives it: secret inputs arrive wrapped. */
export function unwrapped(value: unknown): { secret: boolean; value: unknown } {
  const wrapped =
    typeof value === "object" &&
    value !== null &&
    (value as Record<string, unknown>)[pulumi.runtime.specialSigKey] === pulumi.runtime.specialSecretSig;
  return wrapped ? { secret: true, value: (value as { value: unknown }).value } : { secret: false, value };
}
