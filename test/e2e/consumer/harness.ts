import { execFile, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import type { Sandbox } from "heroku-squadcast-sandbox";

// The package exactly as a user gets it: `npm pack`, installed from the tarball into a fresh Pulumi
// project next to a chosen @pulumi/pulumi, and run with the real engine against the sandbox. Each
// operation runs in a child process (drive.js) through the project's own Automation API, so the program,
// the SDK and the provider process all use the project's copies and nothing resolves into this
// repository. (An inline program run in the test process would mix this repository's SDK with the
// project's; older SDKs such as 3.139.0 keep their run-time state per copy, so that cannot work.)

const execFileAsync = promisify(execFile);
const repositoryRoot = path.resolve(__dirname, "../../..");
const fixtures = __dirname;

interface Manifest {
  readonly version: string;
  readonly exports: Record<string, string | Record<string, string>>;
  readonly bin: Record<string, string>;
  readonly peerDependencies: Record<string, string>;
  readonly devDependencies: Record<string, string>;
}

export const manifest = JSON.parse(
  fs.readFileSync(path.join(repositoryRoot, "package.json"), "utf8"),
) as Manifest;

/** The @pulumi/pulumi this repository develops with. */
export const DEV_PULUMI = manifest.devDependencies["@pulumi/pulumi"];
/** The oldest @pulumi/pulumi the peer range admits: the first whose dynamic providers get `configure`. */
export const OLDEST_PULUMI = manifest.peerDependencies["@pulumi/pulumi"].replace(/^\^/, "");
export const POLICY_SDK = manifest.devDependencies["@pulumi/policy"];
export const TYPES_NODE = manifest.devDependencies["@types/node"];
/** This repository's TypeScript compiler. */
export const TSC = path.join(repositoryRoot, "node_modules/typescript/bin/tsc");

/** The files `exports` points at, as package-relative paths. */
export function exportTargets(): string[] {
  return Object.values(manifest.exports)
    .flatMap((target) => (typeof target === "string" ? [target] : Object.values(target)))
    .map((target) => target.replace(/^\.\//, ""));
}

/** The environment of child processes, without what `npm test` says about this repository. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_package_|npm_lifecycle_|npm_config_local_prefix$|INIT_CWD$)/.test(key)) continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

/** Runs a command; resolves with its standard output, rejects with everything it printed. */
export async function run(command: string, args: readonly string[], cwd: string): Promise<string> {
  return (await runPrinting(command, args, cwd)).stdout;
}

/** Runs a command; resolves with what it printed on each stream, rejects with everything it printed. */
export async function runPrinting(
  command: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = childEnv(),
): Promise<{ stdout: string; stderr: string }> {
  try {
    return await execFileAsync(command, [...args], {
      cwd,
      env,
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string };
    throw new Error(
      `${command} ${args.join(" ")} failed in ${cwd}:\n${failure.stdout ?? ""}${failure.stderr ?? ""}`,
      { cause: error },
    );
  }
}

/** A tarball of the package as it is built now. */
export interface PackedPackage {
  /** Its path. */
  readonly tarball: string;
  /** The files in it, package-relative. */
  readonly files: readonly string[];
}

/** The sandbox package of this repository's workspace. */
export const SANDBOX_PACKAGE = path.join(repositoryRoot, "packages/sandbox");

/**
 * `npm pack` of a built package of this repository (the library by default, or {@link SANDBOX_PACKAGE})
 * into `directory`. With `--ignore-scripts`: `prepack` would clean and rebuild dist/ while other suites
 * load it.
 */
export async function packPackage(directory: string, packageRoot = repositoryRoot): Promise<PackedPackage> {
  const { main } = JSON.parse(fs.readFileSync(path.join(packageRoot, "package.json"), "utf8")) as {
    main: string;
  };
  const targets = packageRoot === repositoryRoot ? exportTargets() : [main];
  const missing = targets.filter((target) => !fs.existsSync(path.join(packageRoot, target)));
  if (missing.length > 0)
    throw new Error(`the package is not built (run npm run build): ${missing.join(", ")}`);
  const packed = JSON.parse(
    await run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", directory], packageRoot),
  ) as { filename: string; files: { path: string }[] }[];
  return {
    tarball: path.join(directory, packed[0].filename),
    files: packed[0].files.map((file) => file.path),
  };
}

/** One operation of drive.js. */
export interface DriveRequest {
  readonly operation: "preview" | "up" | "destroy";
  /** Policy pack directories for `--policy-pack`. */
  readonly policyPacks?: readonly string[];
  /** Policy pack config files for `--policy-pack-config`. */
  readonly policyPackConfigs?: readonly string[];
}

/** What drive.js printed: the Automation API's result, or the CLI's error text. */
export type DriveOutcome = { ok: true; result: Record<string, unknown> } | { ok: false; error: string };

/** A stack output as the Automation API returns it. */
export type Outputs = Record<string, { value: unknown; secret: boolean }>;

/** A Pulumi project copied from a fixture directory, installed from the tarball, with its own state. */
export class ConsumerProject {
  /** The project directory. */
  readonly dir: string;
  private readonly backendDir: string;

  /**
   * @param nodeBin The bin directory of the Node.js that npm, the program, the engine's language host and
   * the provider process run on (`scripts/node-runtime.sh`); the one running the tests by default.
   */
  constructor(
    private readonly fixture: "typescript" | "javascript",
    work: string,
    private readonly nodeBin?: string,
  ) {
    this.dir = path.join(work, fixture);
    this.backendDir = path.join(work, `${fixture}-state`);
    fs.cpSync(path.join(fixtures, fixture), this.dir, { recursive: true });
    fs.copyFileSync(path.join(fixtures, "drive.js"), path.join(this.dir, "drive.js"));
    fs.mkdirSync(this.backendDir);
  }

  /** The Pulumi project name, from the fixture's Pulumi.yaml. */
  get projectName(): string {
    return `consumer-${this.fixture}`;
  }

  /** Where npm installed the package. */
  get installedPackage(): string {
    return path.join(this.dir, "node_modules/pulumi-heroku-squadcast");
  }

  /** The environment of the project's processes: the chosen Node.js first on PATH. */
  env(): NodeJS.ProcessEnv {
    return this.nodeBin
      ? childEnv({ PATH: `${this.nodeBin}${path.delimiter}${process.env.PATH ?? ""}` })
      : childEnv();
  }

  /** The node executable the project runs on. */
  get node(): string {
    return this.nodeBin ? path.join(this.nodeBin, "node") : process.execPath;
  }

  /** Installs the tarballs and other packages, as the brief's user would; resolves with npm's output. */
  async install(tarballs: readonly string[], packages: readonly string[]): Promise<string> {
    const { stdout, stderr } = await runPrinting(
      "npm",
      ["install", "--no-audit", "--no-fund", "--prefer-offline", ...tarballs, ...packages],
      this.dir,
      this.env(),
    );
    return stdout + stderr;
  }

  /**
   * The names of every package installed because the library depends on it (its own dependencies and
   * theirs, not the peers the project brings), from `npm ls --omit=dev --all --json`.
   */
  async libraryDependencyNames(): Promise<string[]> {
    type Tree = { dependencies?: Record<string, Tree> };
    const tree = JSON.parse(await run("npm", ["ls", "--omit=dev", "--all", "--json"], this.dir)) as Tree;
    const peers = new Set(Object.keys(manifest.peerDependencies));
    const names = new Set<string>();
    // The JSON is a tree (npm repeats or marks deduplicated packages), so walking it all ends.
    const walk = (node: Tree | undefined) => {
      for (const [name, child] of Object.entries(node?.dependencies ?? {})) {
        if (peers.has(name)) continue;
        names.add(name);
        walk(child);
      }
    };
    walk(tree.dependencies?.["pulumi-heroku-squadcast"]);
    return [...names].sort();
  }

  /** Runs one operation against the sandbox. */
  drive(sandbox: Sandbox, request: DriveRequest): Promise<DriveOutcome> {
    const payload = JSON.stringify({
      ...request,
      projectName: this.projectName,
      backendDir: this.backendDir,
      env: sandbox.env,
    });
    return new Promise((resolve, reject) => {
      const child = spawn(this.node, ["drive.js", payload], {
        cwd: this.dir,
        env: this.env(),
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.on("error", reject);
      child.on("close", () => {
        const last = stdout.trim().split("\n").pop() ?? "";
        try {
          resolve(JSON.parse(last) as DriveOutcome);
        } catch {
          reject(new Error(`drive.js ${request.operation} printed no result:\n${stdout}${stderr}`));
        }
      });
    });
  }

  /** Runs one operation that must succeed. */
  async succeed(sandbox: Sandbox, request: DriveRequest): Promise<Record<string, unknown>> {
    const outcome = await this.drive(sandbox, request);
    if (!outcome.ok) throw new Error(`${this.projectName}: ${request.operation} failed:\n${outcome.error}`);
    return outcome.result;
  }

  /** Runs one operation that must fail; resolves with the CLI's error text. */
  async fail(sandbox: Sandbox, request: DriveRequest): Promise<string> {
    const outcome = await this.drive(sandbox, request);
    if (outcome.ok)
      throw new Error(`${this.projectName}: ${request.operation} succeeded but should have failed`);
    return outcome.error;
  }

  /** The checkpoint file the file backend wrote. */
  readState(): string {
    return fs.readFileSync(
      path.join(this.backendDir, ".pulumi/stacks", this.projectName, "dev.json"),
      "utf8",
    );
  }
}

/** Every `__provider` text in a checkpoint, from inputs and outputs. */
function providerTexts(state: string): string[] {
  type Properties = { __provider?: unknown } | undefined;
  const checkpoint = JSON.parse(state) as {
    checkpoint: { latest: { resources?: { inputs?: Properties; outputs?: Properties }[] } };
  };
  return (checkpoint.checkpoint.latest.resources ?? [])
    .flatMap((resource) => [resource.inputs?.__provider, resource.outputs?.__provider])
    .filter((text): text is string => typeof text === "string");
}

/**
 * The state names the package, never a path: it works wherever the project is installed or moved. Installed
 * from the tarball, each stored provider is one require of the type's stub module by package name
 * (src/resource-kit/stored-provider.ts), a few hundred bytes.
 */
export function expectPortableState(state: string, project: ConsumerProject): void {
  const texts = providerTexts(state);
  expect(texts.length).toBeGreaterThan(0);
  for (const text of texts) {
    expect(text).toMatch(
      /^exports\.handler = __f0;\nconst provider = require\("pulumi-heroku-squadcast\/dist\/resource-kit\/stub-[a-z-]+\.js"\);\n/,
    );
    expect(text.length).toBeLessThan(400);
    expect(text).not.toContain("node_modules");
    expect(text).not.toContain(project.dir);
  }
  expect(state).not.toContain(repositoryRoot);
}

/** A new temporary directory for one test file. */
export function temporaryDirectory(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "heroku-squadcast-consumer-"));
}
