import * as fs from "node:fs";
import * as path from "node:path";
import { openCliStack, type CliStack } from "../../../src/engine/cli-stack";
import { temporaryDirectory } from "../consumer/harness";

// What the Node.js language host hands the program, and how it reports a failing one, seen through the
// `pulumi` CLI: a JavaScript project whose behaviour its `mode` config picks.

const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const config = new pulumi.Config();
const mode = config.get("mode") ?? "ok";
if (mode === "exit") process.exit(3);
module.exports = {
  organization: pulumi.getOrganization(),
  project: pulumi.getProject(),
  stack: pulumi.getStack(),
  rootDirectory: pulumi.getRootDirectory(),
  dryRun: pulumi.runtime.isDryRun(),
  cwd: process.cwd(),
  name: config.require("name"),
  token: config.requireSecret("token"),
  secretKeys: ["name", "token"].filter((key) =>
    pulumi.runtime.isConfigSecret(\`\${pulumi.getProject()}:\${key}\`),
  ),
};
`;

// Not covered: a program whose error @pulumi/pulumi formats never ends on Node.js 20.20.2 (a Node bug in
// util.inspect with colours; see the README, Development, the Node.js language host).
describe("the Node.js language host on the pulumi CLI", () => {
  let work: string;
  let project: string;
  let stack: CliStack;

  beforeAll(async () => {
    work = temporaryDirectory();
    project = path.join(work, "probe");
    fs.mkdirSync(path.join(project, "src"), { recursive: true });
    fs.writeFileSync(
      path.join(project, "Pulumi.yaml"),
      "name: language-host-probe\nruntime: nodejs\nmain: src/index.js\n",
    );
    fs.writeFileSync(path.join(project, "src/index.js"), PROGRAM);
    fs.writeFileSync(path.join(project, "package.json"), '{"name":"language-host-probe","private":true}\n');
    fs.mkdirSync(path.join(project, "node_modules"));
    const pulumiScope = path.dirname(path.dirname(require.resolve("@pulumi/pulumi/package.json")));
    fs.symlinkSync(pulumiScope, path.join(project, "node_modules/@pulumi"), "dir");
    stack = await openCliStack({ projectDir: project, stackName: "probe" });
    await stack.setConfig("name", "a plain value");
    await stack.setConfig("token", "a-secret-token-value", { secret: true });
  }, 120_000);
  afterAll(async () => {
    await stack?.dispose();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  test("the program gets the project, stack, organization, directories, config and secrets", async () => {
    const up = await stack.pulumi(["up", "--yes", "--skip-preview"]);
    expect(up).toMatchObject({ code: 0 });
    const outputs = JSON.parse((await stack.succeed(["stack", "output", "--json"])).stdout) as Record<
      string,
      unknown
    >;
    expect(outputs).toEqual({
      organization: "organization",
      project: "language-host-probe",
      stack: "probe",
      rootDirectory: fs.realpathSync(project),
      dryRun: false,
      // `main: src/index.js`: the program runs in its own directory, as with the official host.
      cwd: fs.realpathSync(path.join(project, "src")),
      name: "a plain value",
      token: "[secret]",
      secretKeys: ["token"],
    });
    expect(up.stdout + up.stderr).not.toContain("a-secret-token-value");
  });

  test("a program that exits on its own is reported with its exit code", async () => {
    await stack.setConfig("mode", "exit");
    const preview = await stack.pulumi(["preview"]);
    expect(preview.code).not.toBe(0);
    expect(preview.stdout + preview.stderr).toContain("Program exited with non-zero exit code: 3");
  });
});
