import { AlertSource } from "../../../src/squadcast";
import {
  ALERT_SOURCE,
  byName,
  installProviderMocks,
  registered,
  type Registration,
} from "../components/helpers/provider-mocks";

// `service` is registered as the flat fields the state holds (serviceId, serviceName, team): the engine
// diffs them one by one, so a preview names the field that changed.

const registrations: Registration[] = installProviderMocks();

async function inputsOf(name: string, args: ConstructorParameters<typeof AlertSource>[1]) {
  await registered([new AlertSource(name, args)]);
  const { __provider: _stub, ...inputs } = byName(registrations, ALERT_SOURCE).get(name)?.inputs ?? {};
  return inputs;
}

describe("AlertSource arguments", () => {
  it("registers service: { name, team } as serviceName and team", async () => {
    const inputs = await inputsOf("by-name", { service: { name: "payments", team: "Platform" } });
    expect(inputs).toEqual({ serviceName: "payments", team: "Platform", shortName: "heroku" });
  });

  it("registers service: { id, team } as serviceId and team", async () => {
    const id = "5f8891527f735f0008fdb5b2";
    const inputs = await inputsOf("by-id", { service: { id, team: "Platform" } });
    expect(inputs).toEqual({ serviceId: id, team: "Platform", shortName: "heroku" });
  });

  it("refuses a service reference with both id and name", () => {
    const both = { id: "5f8891527f735f0008fdb5b2", name: "payments", team: "Platform" };
    expect(() => new AlertSource("bad", { service: both as never })).toThrow(/not both/);
  });
});
