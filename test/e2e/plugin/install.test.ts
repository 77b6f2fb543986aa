import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { SANDBOX_FIXTURE } from "heroku-squadcast-sandbox";
import { openCliStack, type CliStack } from "../../../src/engine/cli-stack";
import { manifest } from "../consumer/harness";
import { useSandboxStacks } from "../../support/use-sandbox-stack";
import {
  configurePluginForSandbox,
  installPluginGlobally,
  pathWith,
  type InstalledPlugin,
} from "../harness/plugin-install";

// The two ways the README installs the provider plugin, from the packed package as a new user gets it:
// the bin on PATH from `npm install --global`, and `pulumi plugin install --file` of an archive of the
// installed package (which then needs nothing on PATH but Node.js).

const PLUGIN = "pulumi-resource-heroku-squadcast";

describe("installing the provider plugin", () => {
  const { sandbox, disposeAfter, temporaryDirectory } = useSandboxStacks();
  let work: string;
  let plugin: InstalledPlugin;

  beforeAll(async () => {
    work = temporaryDirectory("heroku-squadcast-install-");
    plugin = await installPluginGlobally(work);
  }, 300_000);

  test("npm install --global puts the plugin on PATH; it prints the schema", () => {
    const schema = execFileSync(PLUGIN, ["--print-schema"], {
      env: { ...process.env, PATH: pathWith(plugin) },
      encoding: "utf8",
    });
    expect(JSON.parse(schema)).toMatchObject({ name: "heroku-squadcast", version: manifest.version });
    // Self-contained: its dependencies, @pulumi/pulumi (a peer) among them, are inside the package.
    expect(fs.existsSync(path.join(plugin.packageDir, "node_modules/@pulumi/pulumi/package.json"))).toBe(
      true,
    );
  });

  test("pulumi plugin install --file of the installed package serves a program with nothing on PATH", async () => {
    const archive = path.join(work, `${PLUGIN}-v${manifest.version}.tgz`);
    execFileSync("tar", ["-czf", archive, "-C", plugin.packageDir, "."]);
    const projectDir = path.join(work, "project");
    fs.mkdirSync(projectDir);
    fs.writeFileSync(
      path.join(projectDir, "Pulumi.yaml"),
      [
        "name: heroku-squadcast-installed",
        "runtime: yaml",
        "resources:",
        "  source:",
        "    type: heroku-squadcast:squadcast:AlertSource",
        "    properties:",
        `      service: { name: ${SANDBOX_FIXTURE.squadcast.serviceName}, team: ${SANDBOX_FIXTURE.squadcast.teamName} }`,
        "outputs:",
        "  serviceId: ${source.serviceId}",
        "",
      ].join("\n"),
    );
    // PATH as the test runner has it: the CLI and its language hosts, not the npm bin directory.
    const stack: CliStack = disposeAfter(await openCliStack({ projectDir }));
    await configurePluginForSandbox(stack, sandbox.env);
    await stack.succeed([
      "plugin",
      "install",
      "resource",
      "heroku-squadcast",
      manifest.version,
      "--file",
      archive,
    ]);
    const listed = await stack.succeed(["plugin", "ls"]);
    expect(listed.stdout).toMatch(
      new RegExp(`heroku-squadcast\\s+resource\\s+${manifest.version.replace(/\./g, "\\.")}`),
    );

    const up = await stack.succeed(["up", "--yes", "--non-interactive"]);
    expect(up.stdout + up.stderr).not.toContain("from $PATH");
    const schema = await stack.succeed(["package", "get-schema", "heroku-squadcast"]);
    expect(JSON.parse(schema.stdout).name).toBe("heroku-squadcast");
    const services = await sandbox.admin.squadcastServices();
    const service = services.find((candidate) => candidate.name === SANDBOX_FIXTURE.squadcast.serviceName)!;
    expect((await sandbox.admin.activeAlertSources(service.id)).map((source) => source.shortName)).toContain(
      "heroku",
    );
    await stack.succeed(["destroy", "--yes", "--non-interactive"]);
    expect(
      (await sandbox.admin.activeAlertSources(service.id)).map((source) => source.shortName),
    ).not.toContain("heroku");
  });
});
