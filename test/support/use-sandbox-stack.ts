import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startSandbox, type Sandbox, type SandboxOptions } from "heroku-squadcast-sandbox";
import { openLocalStack, type LocalStack, type LocalStackOptions } from "../../src/engine/local-stack";
import { standIn } from "./stand-in";

/**
 * How to open a stack on the sandbox: the options of `openLocalStack`, whose `env` defaults to the
 * sandbox's (its endpoints and credentials), or a function of the running sandbox that returns them
 * (for config that names the sandbox's URLs).
 */
export type SandboxStackSpec = LocalStackOptions | ((sandbox: Sandbox) => LocalStackOptions);

/** Anything the file's teardown must end before the sandbox stops: a stack, a proxy, an example project. */
export interface Disposable {
  dispose(): unknown;
}

/** What {@link useSandboxStacks} hands a test file. */
export interface SandboxStacks {
  /** A stand-in for the running sandbox, usable in tests and hooks. */
  readonly sandbox: Sandbox;
  /** Opens a stack on the sandbox, disposed after the file's tests. */
  openStack(spec: SandboxStackSpec): Promise<LocalStack>;
  /** Disposes `resource` after the file's tests, before the sandbox stops (last registered, first). */
  disposeAfter<T extends Disposable>(resource: T): T;
  /** A new temporary directory, removed after the file's tests. */
  temporaryDirectory(prefix?: string): string;
}

/** What {@link useSandboxStack} hands a test file: the sandbox and the one stack opened on it. */
export interface SandboxStack extends SandboxStacks {
  /** A stand-in for the stack, opened before the file's first test. */
  readonly local: LocalStack;
}

/**
 * One sandbox for an end-to-end test file, and what the file opens on it: the sandbox starts before
 * the file's tests on free ports and is stopped after them, once every stack, project or directory the
 * file registered is disposed. Unlike `useSandbox`, nothing is reset between tests: an end-to-end
 * file's tests build on one another (up, then change, then destroy), as a user's runs do.
 *
 * Hooks run in the order they are declared, so a `beforeAll` the file declares after this call sees
 * the sandbox running, and an `afterAll` it declares after this call runs once the sandbox stopped.
 *
 * @param options - sandbox options; the port defaults to 0 (free ports).
 */
export function useSandboxStacks(options: SandboxOptions = {}): SandboxStacks {
  let running: Sandbox | undefined;
  const current = (): Sandbox => {
    if (!running) throw new Error("the sandbox runs only inside tests and hooks (useSandboxStacks)");
    return running;
  };
  const disposables: Disposable[] = [];
  const disposeAfter = <T extends Disposable>(resource: T): T => {
    disposables.push(resource);
    return resource;
  };

  beforeAll(async () => {
    running = await startSandbox({ port: 0, ...options });
  });
  afterAll(async () => {
    const failures: unknown[] = [];
    for (const resource of disposables.splice(0).reverse()) {
      await Promise.resolve()
        .then(() => resource.dispose())
        .catch((error: unknown) => failures.push(error));
    }
    await running?.stop();
    running = undefined;
    if (failures.length > 0) throw new AggregateError(failures, "disposing after the tests failed");
  });

  return {
    sandbox: standIn(current),
    async openStack(spec) {
      const sandbox = current();
      const stackOptions = typeof spec === "function" ? spec(sandbox) : spec;
      return disposeAfter(await openLocalStack({ env: sandbox.env, ...stackOptions }));
    },
    disposeAfter,
    temporaryDirectory(prefix = "heroku-squadcast-e2e-") {
      const directory = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
      disposeAfter({ dispose: () => fs.rmSync(directory, { recursive: true, force: true }) });
      return directory;
    },
  };
}

/**
 * {@link useSandboxStacks} with one stack opened on the sandbox before the file's tests, the setup of
 * most end-to-end files: `const { sandbox, local } = useSandboxStack({ projectName, program });`.
 *
 * @param spec - the stack; its `env` defaults to the sandbox's.
 * @param options - sandbox options; the port defaults to 0 (free ports).
 */
export function useSandboxStack(spec: SandboxStackSpec, options: SandboxOptions = {}): SandboxStack {
  const stacks = useSandboxStacks(options);
  let opened: LocalStack | undefined;
  beforeAll(async () => {
    opened = await stacks.openStack(spec);
  });
  return {
    ...stacks,
    local: standIn(() => {
      if (!opened) throw new Error("the stack is open only inside tests and hooks (useSandboxStack)");
      return opened;
    }),
  };
}
