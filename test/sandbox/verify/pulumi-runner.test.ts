import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PulumiCliError, runPulumiCli } from "../../../src/cli/io";

// The default runner for real, against stand-in `pulumi` scripts on PATH.
let directory: string;

beforeAll(() => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), "fake-pulumi-"));
});
afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

function fakePulumi(script: string): NodeJS.ProcessEnv {
  const bin = fs.mkdtempSync(path.join(directory, "bin-"));
  fs.writeFileSync(path.join(bin, "pulumi"), `#!/bin/sh\n${script}\n`, { mode: 0o755 });
  return { PATH: `${bin}${path.delimiter}/usr/bin${path.delimiter}/bin` };
}

describe("runPulumiCli", () => {
  it("passes the arguments and resolves to stdout", async () => {
    const env = fakePulumi('printf \'{"args":"%s"}\' "$*"');
    await expect(runPulumiCli(["stack", "output", "--json"], env)).resolves.toBe(
      '{"args":"stack output --json"}',
    );
  });

  it("rejects with Pulumi's first error line when it fails", async () => {
    const env = fakePulumi(
      "echo >&2; echo \"error: no stack named 'dev' found\" >&2; echo more >&2; exit 255",
    );
    const failure = runPulumiCli(["stack", "output"], env);
    await expect(failure).rejects.toThrow(PulumiCliError);
    await expect(failure).rejects.toThrow("pulumi stack output failed: error: no stack named 'dev' found");
  });

  it("says how to get Pulumi when it is not on PATH", async () => {
    await expect(runPulumiCli(["version"], { PATH: directory })).rejects.toThrow(
      "pulumi is not on PATH: install the Pulumi CLI, or pass --app and the service",
    );
  });
});
