// The Python program on the generated Python SDK (examples/sdk-python) passes its unit tests under
// Pulumi's mocks (pulumi.runtime.set_mocks), which assert the type token and inputs the SDK registers for
// an integration and a fleet. The pinned `pulumi` package and the SDK are installed in a virtual
// environment by scripts/python-env.sh. Each Python test that must pass is named.
import * as path from "node:path";
import { BUILD_TIMEOUT_MS, ROOT, run } from "./run-tool";

const PYTHON_TESTS = [
  "test_fleet_registers_the_component_with_its_inputs",
  "test_integration_registers_the_component_with_its_inputs",
];

test(
  "the Python example's mocks tests pass on the generated SDK",
  () => {
    const env = run("bash", ["scripts/python-env.sh"], { cwd: ROOT });
    if (env.status !== 0) throw new Error(`scripts/python-env.sh failed:\n${env.output}`);
    const python = env.stdout.trim();

    const result = run(python, ["-m", "unittest", "-v", "test_program"], {
      cwd: path.join(ROOT, "examples/sdk-python"),
    });
    const passed = [...result.output.matchAll(/^(test_\w+) \(.*\) \.\.\. ok$/gm)].map((m) => m[1]);
    const outcome = { status: result.status, passed: passed.sort() };
    const expected = { status: 0, passed: [...PYTHON_TESTS].sort() };
    if (JSON.stringify(outcome) !== JSON.stringify(expected)) {
      throw new Error(`python -m unittest: ${JSON.stringify(outcome)}\n${result.output}`);
    }
    expect(outcome).toEqual(expected);
  },
  BUILD_TIMEOUT_MS,
);
