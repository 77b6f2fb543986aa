import type * as pulumi from "@pulumi/pulumi";

// The Heroku apps a component will wire to an alert source, handed to it so that its `check` finds an app
// that does not exist (or that the Heroku key cannot see) before the alert source is activated: the
// webhooks are registered only once the alert source exists, since they need its URL. Not part of
// AlertSourceArgs (nor of the plugin's schema): a program that uses AlertSource alone orders its own
// resources, and each webhook still checks its app in its own `check`.

const APPS_TO_CHECK = Symbol.for("pulumi-heroku-squadcast:apps-to-check");

type WithAppsToCheck = { readonly [APPS_TO_CHECK]?: pulumi.Input<string>[] };

/**
 * The alert source's arguments, carrying the apps its `check` reads before it is created.
 *
 * @internal Used by the components.
 */
export function withAppsToCheck<Args extends object>(args: Args, apps: pulumi.Input<string>[]): Args {
  const carried: Args & WithAppsToCheck = { ...args, [APPS_TO_CHECK]: apps };
  return carried;
}

/**
 * The apps {@link withAppsToCheck} put in, if any.
 *
 * @internal Read by AlertSource's constructor.
 */
export function appsToCheckOf(args: object): pulumi.Input<string>[] | undefined {
  return (args as WithAppsToCheck)[APPS_TO_CHECK];
}
