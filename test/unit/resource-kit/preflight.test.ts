import type * as pulumi from "@pulumi/pulumi";
import { withReadAhead } from "../../../src/resource-kit/preflight";

// The check of a provider that reads ahead (AppWebhook, AlertSource): a lookup only for valid inputs.

interface Inputs {
  readonly app: string;
}

function recordingReadAhead(failures: pulumi.dynamic.CheckFailure[]) {
  const seen: Inputs[] = [];
  const readAhead = async (inputs: Inputs) => {
    seen.push(inputs);
    return failures;
  };
  return { seen, readAhead };
}

test("invalid inputs are reported alone, without reading ahead", async () => {
  const checked = { inputs: { app: "" }, failures: [{ property: "app", reason: "app must not be empty" }] };
  const { seen, readAhead } = recordingReadAhead([{ property: "app", reason: "no such app" }]);
  expect(await withReadAhead(checked, readAhead)).toBe(checked);
  expect(seen).toEqual([]);
});

test("valid inputs are read ahead with, and its failures reported on the validated inputs", async () => {
  const checked = { inputs: { app: "billing-api" } };
  const { seen, readAhead } = recordingReadAhead([{ property: "app", reason: "no such app" }]);
  expect(await withReadAhead(checked, readAhead)).toEqual({
    inputs: { app: "billing-api" },
    failures: [{ property: "app", reason: "no such app" }],
  });
  expect(seen).toEqual([{ app: "billing-api" }]);
});

test("a read-ahead that finds nothing wrong leaves the validation's result as it was", async () => {
  const checked = { inputs: { app: "billing-api" }, failures: [] };
  const { seen, readAhead } = recordingReadAhead([]);
  expect(await withReadAhead(checked, readAhead)).toBe(checked);
  expect(seen).toEqual([{ app: "billing-api" }]);
});
