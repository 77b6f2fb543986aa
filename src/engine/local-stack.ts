import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { LocalWorkspace, type PulumiFn, type Stack } from "@pulumi/pulumi/automation";

/** A stack config value, as `pulumi config set [--secret]` would write it. */
export interface StackConfigValue {
  /** The value. */
  readonly value: string;
  /**
   * Whether Pulumi stores it encrypted.
   *
   * @defaultValue false
   */
  readonly secret?: boolean;
}

/** Options of {@link openLocalStack}. */
export interface LocalStackOptions {
  /** The Pulumi project name. */
  readonly projectName: string;
  /**
   * The stack name.
   *
   * @defaultValue `dev`
   */
  readonly stackName?: string;
  /** The program, run in this process (an Automation API inline program). */
  readonly program: PulumiFn;
  /**
   * Stack config, keyed by full name such as `heroku:apiKey`.
   *
   * @defaultValue none
   */
  readonly config?: Readonly<Record<string, StackConfigValue>>;
  /** Environment for the CLI and the provider processes, such as the sandbox's endpoint variables. */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * The project directory: provider processes start here and resolve this package from its
   * `node_modules`.
   *
   * @defaultValue a new temporary directory linked to this package and its `@pulumi/pulumi`
   */
  readonly workDir?: string;
  /**
   * Where the file backend keeps state.
   *
   * @defaultValue a new temporary directory
   */
  readonly backendDir?: string;
}

/** A stack on a local file backend, with no account, no login and nothing downloaded. */
export interface LocalStack {
  /** The Automation API stack: `up`, `preview`, `refresh`, `destroy`, `outputs`, `exportStack`. */
  readonly stack: Stack;
  /** The project directory the engine runs in. */
  readonly workDir: string;
  /** The file backend's directory. */
  readonly backendDir: string;
  /** The raw checkpoint file the engine wrote, exactly as on disk (secrets stay encrypted). */
  readStateFile(): string;
  /** Removes the stack and the temporary directories this created. */
  dispose(): Promise<void>;
}

/** The passphrase of local test stacks: it only protects throwaway state in a temporary directory. */
const LOCAL_PASSPHRASE = "local-stack-passphrase";

/**
 * Opens a stack on a local file backend with a passphrase secrets provider, update checks and plugin
 * downloads off. The demo, the end-to-end tests and the benchmark all run the engine through this.
 */
export async function openLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const created: string[] = [];
  const temporaryDirectory = (prefix: string) => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    created.push(directory);
    return directory;
  };
  const workDir = options.workDir ?? linkPackageInto(temporaryDirectory("heroku-squadcast-project-"));
  const backendDir = options.backendDir ?? temporaryDirectory("heroku-squadcast-state-");
  const stackName = options.stackName ?? "dev";
  const envVars: Record<string, string> = {
    PULUMI_BACKEND_URL: `file://${backendDir}`,
    PULUMI_CONFIG_PASSPHRASE: LOCAL_PASSPHRASE,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_DIY_BACKEND_NO_LEGACY_WARNING: "true",
    PULUMI_SKIP_CONFIRMATIONS: "true",
    ...options.env,
  };
  const stack = await LocalWorkspace.createOrSelectStack(
    { projectName: options.projectName, stackName, program: options.program },
    {
      workDir,
      envVars,
      secretsProvider: "passphrase",
      // Without a Pulumi.yaml in workDir the engine takes this process's directory as the project's,
      // and provider processes would start (and resolve this package) there instead.
      projectSettings: fs.existsSync(path.join(workDir, "Pulumi.yaml"))
        ? undefined
        : { name: options.projectName, runtime: "nodejs" },
    },
  ).catch((error: unknown) => {
    if (String(error).includes("ENOENT")) {
      throw new Error(
        "The Pulumi CLI is not on PATH: install it (pulumi.com/docs/install) or, in this repository, " +
          "run `source scripts/pulumi-cli.sh`, which builds it from Go modules",
      );
    }
    throw error;
  });
  if (options.config && Object.keys(options.config).length > 0) {
    await stack.setAllConfig({ ...options.config });
  }
  return {
    stack,
    workDir,
    backendDir,
    readStateFile: () => fs.readFileSync(stateFilePath(backendDir, options.projectName, stackName), "utf8"),
    async dispose() {
      await stack.workspace.removeStack(stackName, { force: true }).catch(() => undefined);
      for (const directory of created) {
        fs.rmSync(directory, { recursive: true, force: true });
      }
    },
  };
}

function stateFilePath(backendDir: string, projectName: string, stackName: string): string {
  return path.join(backendDir, ".pulumi", "stacks", projectName, `${stackName}.json`);
}

/**
 * Makes `pulumi-heroku-squadcast` and `@pulumi/pulumi` resolvable from a project directory, as an
 * `npm install` of this package would, so the provider process started there finds both.
 */
function linkPackageInto(projectDirectory: string): string {
  const modules = path.join(projectDirectory, "node_modules");
  fs.mkdirSync(modules, { recursive: true });
  const pulumiScope = path.dirname(path.dirname(require.resolve("@pulumi/pulumi/package.json")));
  fs.symlinkSync(pulumiScope, path.join(modules, "@pulumi"), "dir");
  fs.symlinkSync(packageRoot(), path.join(modules, "pulumi-heroku-squadcast"), "dir");
  return projectDirectory;
}

/** The directory of this package's `package.json`, from the source tree or from `dist/`. */
function packageRoot(): string {
  let directory = __dirname;
  while (!fs.existsSync(path.join(directory, "package.json"))) {
    const parent = path.dirname(directory);
    if (parent === directory)
      throw new Error(`package.json of pulumi-heroku-squadcast not found above ${__dirname}`);
    directory = parent;
  }
  return directory;
}
