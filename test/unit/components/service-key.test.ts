import * as pulumi from "@pulumi/pulumi";
import { alertSourceArgsOf, serviceKey, serviceSlug, type ServiceReference } from "../../../src/components";

describe("alertSourceArgsOf", () => {
  it("passes a reference by id, with its team to check, as the alert source's service", () => {
    const service = { id: "5f8891527f735f0008fdb5b2", team: "Platform" };
    expect(alertSourceArgsOf(service)).toEqual({ service });
  });

  it("passes a reference by name and team as the alert source's service", () => {
    const service = { name: "payments", team: "Platform" };
    expect(alertSourceArgsOf(service)).toEqual({ service });
  });

  it("refuses a reference with both id and name, or neither", () => {
    const both = { id: "5f8891527f735f0008fdb5b2", name: "payments", team: "Platform" };
    expect(() => alertSourceArgsOf(both as unknown as ServiceReference)).toThrow(/not both/);
    expect(() => alertSourceArgsOf({ team: "Platform" } as unknown as ServiceReference)).toThrow(
      /not neither/,
    );
  });
});

describe("serviceKey", () => {
  it.each<[ServiceReference, string]>([
    [{ name: "payments", team: "Platform" }, "Platform/payments"],
    [{ id: "5f8891527f735f0008fdb5b2" }, "5f8891527f735f0008fdb5b2"],
    // The team only guards an id, so it does not make another service.
    [{ id: "5f8891527f735f0008fdb5b2", team: "Platform" }, "5f8891527f735f0008fdb5b2"],
  ])("keys %j as %s", (reference, key) => {
    expect(serviceKey(reference)).toBe(key);
  });

  it("tells services of the same name in different teams apart", () => {
    expect(serviceKey({ name: "api", team: "Shop" })).not.toBe(serviceKey({ name: "api", team: "Payments" }));
  });

  it("refuses outputs, which a fleet cannot name resources after", () => {
    const reference = { name: pulumi.output("payments"), team: "Platform" };
    expect(() => serviceKey(reference as unknown as ServiceReference)).toThrow(
      /service.name must be a non-empty string.*name: <output>.*cannot take an output/,
    );
  });

  it("refuses a reference by name without a team", () => {
    expect(() => serviceKey({ name: "payments" } as unknown as ServiceReference)).toThrow(
      /service.team must be a non-empty string/,
    );
  });
});

describe("serviceSlug", () => {
  it.each([
    ["Default Team/shop-service", "default-team-shop-service"],
    ["5F8891527F735F0008FDB5B2", "5f8891527f735f0008fdb5b2"],
    [" Ops & Infra / API (v2) ", "ops-infra-api-v2"],
  ])("turns %s into %s", (key, slug) => {
    expect(serviceSlug(key)).toBe(slug);
  });
});
