import { AlertSource } from "../../../src/squadcast";
import {
  ALERT_SOURCE,
  byName,
  installProviderMocks,
  registered,
  type Registration,
} from "../components/helpers/provider-mocks";

// `service` is turned into the fields the state has always held (serviceId, serviceName, team), so a
// program moved from the deprecated arguments to `service` registers the same inputs: no change.

const registrations: Registration[] = installProviderMocks();

async function inputsOf(name: string, args: ConstructorParameters<typeof AlertSource>[1]) {
  await registered([new AlertSource(name, args)]);
  const { __provider: _stub, ...inputs } = byName(registrations, ALERT_SOURCE).get(name)?.inputs ?? {};
  return inputs;
}

describe("AlertSource arguments", () => {
  it("registers service: { name, team } as the deprecated serviceName and team did", async () => {
    const viaService = await inputsOf("new", { service: { name: "payments", team: "Platform" } });
    const viaOldArgs = await inputsOf("old", { serviceName: "payments", team: "Platform" });
    expect(viaService).toEqual({ serviceName: "payments", team: "Platform", shortName: "heroku" });
    expect(viaOldArgs).toEqual(viaService);
  });

  it("registers service: { id, team } as the deprecated serviceId and team did", async () => {
    const id = "5f8891527f735f0008fdb5b2";
    const viaService = await inputsOf("new", { service: { id, team: "Platform" } });
    expect(viaService).toEqual({ serviceId: id, team: "Platform", shortName: "heroku" });
    expect(await inputsOf("old", { serviceId: id, team: "Platform" })).toEqual(viaService);
  });

  it("refuses service together with a deprecated argument, before registering anything", () => {
    expect(
      () => new AlertSource("both", { service: { name: "payments", team: "Platform" }, serviceId: "x" }),
    ).toThrow("AlertSource both: give service, or the deprecated serviceId, serviceName and team, not both");
    expect(registrations).toEqual([]);
  });

  it("refuses a service reference with both id and name", () => {
    const both = { id: "5f8891527f735f0008fdb5b2", name: "payments", team: "Platform" };
    expect(() => new AlertSource("bad", { service: both as never })).toThrow(/not both/);
  });
});
