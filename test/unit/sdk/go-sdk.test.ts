// The Go program on the generated Go SDK (examples/sdk-go) compiles against Pulumi's Go SDK and passes
// its unit tests under Pulumi's mocks, which assert the type token and inputs the SDK registers for an
// integration and a fleet. Each Go test that must pass is named, so a test that stops running fails here.
import * as path from "node:path";
import { BUILD_TIMEOUT_MS, GO_ENV, ROOT, run } from "./run-tool";

const GO_TESTS = [
  "TestIntegrationRegistersTheRemoteComponentWithItsInputs",
  "TestFleetRegistersTheRemoteComponentWithItsInputs",
];

interface GoTestEvent {
  readonly Action: string;
  readonly Test?: string;
}

test(
  "the Go example's mocks tests pass on the generated SDK",
  () => {
    const result = run("go", ["test", "-count=1", "-json", "./..."], {
      cwd: path.join(ROOT, "examples/sdk-go"),
      env: GO_ENV,
    });
    const events = result.stdout
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as GoTestEvent);
    const passed = events.filter((e) => e.Action === "pass" && e.Test).map((e) => e.Test);
    const outcome = { status: result.status, passed: passed.sort() };
    const expected = { status: 0, passed: [...GO_TESTS].sort() };
    if (JSON.stringify(outcome) !== JSON.stringify(expected)) {
      const printed = events.map((e) => (e as { Output?: string }).Output ?? "").join("");
      throw new Error(`go test: ${JSON.stringify(outcome)}\n${printed || result.output}`);
    }
    expect(outcome).toEqual(expected);
  },
  BUILD_TIMEOUT_MS,
);
