import * as pulumi from "@pulumi/pulumi";
import { openLocalStack, type LocalStack } from "../../src/engine/local-stack";

// A provider of our own that talks to nothing: it proves the chain CLI → engine → language runtime →
// serialized dynamic provider → state file, independently of this library's resources.
const echoProvider: pulumi.dynamic.ResourceProvider = {
  async create(inputs) {
    return { id: `echo-${inputs.label}`, outs: { ...inputs, generation: 1 } };
  },
  async diff(_id, olds, news) {
    return { changes: olds.label !== news.label || olds.password !== news.password };
  },
  async update(_id, olds, news) {
    return { outs: { ...news, generation: olds.generation + 1 } };
  },
  async read(id, props) {
    return { id, props };
  },
};

class Echo extends pulumi.dynamic.Resource {
  declare readonly generation: pulumi.Output<number>;
  constructor(name: string, args: { label: string; password: pulumi.Input<string> }) {
    super(echoProvider, name, { ...args, generation: undefined }, {}, "smoke", "Echo");
  }
}

const PASSWORD = "correct-horse-battery-staple-1234";

describe("the Pulumi engine on this machine", () => {
  let local: LocalStack;
  let label = "first";

  beforeAll(async () => {
    local = await openLocalStack({
      projectName: "engine-smoke",
      program: async () => {
        const echo = new Echo("echo", { label, password: pulumi.secret(PASSWORD) });
        return { generation: echo.generation };
      },
    });
  });
  afterAll(() => local?.dispose());

  test("up creates the resource and writes the secret encrypted", async () => {
    const result = await local.stack.up();
    expect(result.summary.resourceChanges).toEqual({ create: 2 });
    expect(result.outputs.generation.value).toBe(1);
    const state = local.readStateFile();
    expect(state).toContain("echo-first");
    expect(state).not.toContain(PASSWORD);
    expect(state).toContain("ciphertext");
  });

  test("a preview with no change proposes nothing", async () => {
    const preview = await local.stack.preview();
    expect(preview.changeSummary).toEqual({ same: 2 });
  });

  test("a changed input updates in place", async () => {
    label = "second";
    const result = await local.stack.up();
    expect(result.summary.resourceChanges).toEqual({ same: 1, update: 1 });
    expect(result.outputs.generation.value).toBe(2);
  });

  test("refresh reads the resource back and destroy removes it", async () => {
    const refresh = await local.stack.refresh();
    expect(refresh.summary.result).toBe("succeeded");
    const destroy = await local.stack.destroy();
    expect(destroy.summary.resourceChanges).toEqual({ delete: 2 });
    expect(local.readStateFile()).not.toContain("echo-first");
  });
});
