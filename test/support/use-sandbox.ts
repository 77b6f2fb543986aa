import { startSandbox, type Sandbox, type SandboxOptions } from "heroku-squadcast-sandbox";
import { standIn } from "./stand-in";

/**
 * One sandbox for the test file: started before its tests on free ports, reset to the fixture before
 * each test, stopped after. Returns a stand-in that forwards to the running sandbox, so a file writes
 * `const sandbox = useSandbox();` at the top and uses it in tests and hooks like the sandbox itself.
 * End-to-end files, whose tests build on each other, use `useSandboxStack` instead.
 *
 * @param options - sandbox options; the port defaults to 0 (free ports).
 */
export function useSandbox(options: SandboxOptions = {}): Sandbox {
  let running: Sandbox | undefined;
  const current = (): Sandbox => {
    if (!running) throw new Error("the sandbox runs only inside tests and hooks (useSandbox)");
    return running;
  };
  beforeAll(async () => {
    running = await startSandbox({ port: 0, ...options });
  });
  afterAll(async () => {
    await running?.stop();
    running = undefined;
  });
  beforeEach(async () => {
    await current().admin.reset();
  });
  return standIn(current);
}
