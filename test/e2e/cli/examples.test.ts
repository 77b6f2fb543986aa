import { SANDBOX_FIXTURE, type Sandbox } from "heroku-squadcast-sandbox";
import { FLEET_APPS } from "../../../examples/fleet/program";
import { createFleetEstate, FLEET_SERVICES } from "../harness/fleet-example";
import { packPackage } from "../consumer/harness";
import { installExample, type ExampleName, type ExampleProject } from "../harness/example-project";
import { useSandboxStacks } from "../../support/use-sandbox-stack";

// Every example as a user runs it: copied out of the repository, installed from the packed tarball, and
// driven by the `pulumi` CLI (its Node.js language host runs the TypeScript program) through preview, up,
// a preview that must find nothing to do, and destroy, against the sandbox.

const SECRETS = [
  SANDBOX_FIXTURE.heroku.apiKey,
  SANDBOX_FIXTURE.squadcast.refreshToken,
  SANDBOX_FIXTURE.sentry.webhookSecret,
  SANDBOX_FIXTURE.sentry.releaseToken,
];

interface ExampleCase {
  readonly name: ExampleName;
  /** Creates what the example expects to find in the sandbox. */
  readonly prepare: (sandbox: Sandbox, project: () => ExampleProject) => Promise<void>;
  /** The Heroku apps the example adds a webhook to. */
  readonly apps: readonly string[];
  /** The Squadcast services the example makes the Heroku alert source active on. */
  readonly services: readonly string[];
  /** What `pulumi up` creates: the stack, components and resources. */
  readonly created: number;
}

const CASES: readonly ExampleCase[] = [
  {
    name: "basic",
    prepare: async () => undefined,
    apps: ["demo-app"],
    services: ["demo-service"],
    created: 4,
  },
  {
    name: "fleet",
    prepare: async (sandbox) => {
      await createFleetEstate(sandbox);
    },
    apps: FLEET_APPS,
    services: FLEET_SERVICES,
    created: 16,
  },
  {
    name: "sentry-releases",
    prepare: async (sandbox, project) => {
      const { stack } = project();
      const { projectId, releaseToken, webhookSecret } = SANDBOX_FIXTURE.sentry;
      await stack.setConfig("sentryUrl", sandbox.urls.sentry);
      await stack.setConfig("sentryProjectId", projectId);
      await stack.setConfig("sentryReleaseToken", releaseToken, { secret: true });
      await stack.setConfig("sentryWebhookSecret", webhookSecret, { secret: true });
    },
    apps: ["demo-app"],
    services: [],
    created: 3,
  },
];

const { sandbox, disposeAfter, temporaryDirectory } = useSandboxStacks();
const projects = new Map<ExampleName, ExampleProject>();

beforeAll(async () => {
  const work = temporaryDirectory();
  const { tarball } = await packPackage(work);
  // The installs are independent; side by side they take the time of one.
  const installed = await Promise.all(CASES.map(({ name }) => installExample(name, work, tarball, sandbox)));
  CASES.forEach(({ name }, index) => projects.set(name, disposeAfter(installed[index])));
}, 300_000);

describe.each(CASES)(
  "examples/$name through the pulumi CLI",
  ({ name, prepare, apps, services, created }) => {
    let project: ExampleProject;
    const webhookCounts = async () =>
      Promise.all(apps.map(async (app) => (await sandbox.admin.herokuWebhooks(app)).length));
    const herokuSourceActive = async () =>
      Promise.all(
        services.map(async (service) =>
          (await sandbox.admin.activeAlertSources(service)).some((source) => source.type === "Heroku"),
        ),
      );

    beforeAll(async () => {
      project = projects.get(name) as ExampleProject;
      await sandbox.admin.reset();
      await prepare(sandbox, () => project);
    });

    const expectNoSecrets = (output: string) => {
      for (const secret of SECRETS) expect(output).not.toContain(secret);
    };

    test("pulumi preview plans every resource and changes nothing", async () => {
      const preview = await project.stack.pulumi(["preview", "--diff"]);
      expect(preview).toMatchObject({ code: 0 });
      expect(preview.stdout).toMatch(new RegExp(`\\+ ${created} to create`));
      expectNoSecrets(preview.stdout + preview.stderr);
      expect(await webhookCounts()).toEqual(apps.map(() => 0));
      expect(await herokuSourceActive()).toEqual(services.map(() => false));
    });

    test("pulumi up creates them: one webhook on each app, the Heroku alert source on each service", async () => {
      const up = await project.stack.pulumi(["up", "--yes", "--skip-preview"]);
      expect(up).toMatchObject({ code: 0 });
      expect(up.stdout).toMatch(new RegExp(`\\+ ${created} created`));
      expectNoSecrets(up.stdout + up.stderr);
      // A user's first `pulumi up` prints no warning (deprecated config keys, for one, would).
      expect(up.stdout + up.stderr).not.toMatch(/warning/i);
      expect(await webhookCounts()).toEqual(apps.map(() => 1));
      expect(await herokuSourceActive()).toEqual(services.map(() => true));
      expectNoSecrets(project.stack.readStateFile());
    });

    test("a second pulumi preview finds nothing to change", async () => {
      const preview = await project.stack.pulumi(["preview", "--expect-no-changes"]);
      expect(preview).toMatchObject({ code: 0 });
      expect(preview.stdout).toMatch(new RegExp(`${created} unchanged`));
    });

    test("pulumi destroy removes every webhook and alert source it made", async () => {
      const destroy = await project.stack.pulumi(["destroy", "--yes", "--skip-preview"]);
      expect(destroy).toMatchObject({ code: 0 });
      expect(destroy.stdout).toMatch(new RegExp(`- ${created} deleted`));
      expect(await webhookCounts()).toEqual(apps.map(() => 0));
      expect(await herokuSourceActive()).toEqual(services.map(() => false));
    });
  },
);
