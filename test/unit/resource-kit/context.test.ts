import { ProviderContext } from "../../../src/resource-kit/context";

// The engine configures a dynamic provider once per process and keeps using it even when configure
// threw; the resources handled after that must fail with the same message, not run on env alone.
describe("a provider whose stack config is invalid", () => {
  const badRegion = (key: string) => (key === "squadcast:region" ? "ue" : undefined);
  const MESSAGE = "squadcast:region must be us or eu";

  test("fails configure, and every later use, with the setting to fix", () => {
    const context = new ProviderContext({
      HEROKU_API_KEY: "env-key-1234",
      SQUADCAST_REFRESH_TOKEN: "env-token-1234",
    });
    expect(() => context.configure(badRegion)).toThrow(MESSAGE);
    expect(() => context.settings).toThrow(MESSAGE);
    expect(() => context.heroku()).toThrow(MESSAGE);
    expect(() => context.squadcast()).toThrow(MESSAGE);
  });

  test("drops clients built from earlier, valid settings", () => {
    const context = new ProviderContext({ HEROKU_API_KEY: "env-key-1234" });
    context.configure(() => undefined);
    expect(context.heroku()).toBeDefined();
    expect(() => context.configure(badRegion)).toThrow(MESSAGE);
    expect(() => context.heroku()).toThrow(MESSAGE);
  });

  test("works again once configured with valid settings", () => {
    const context = new ProviderContext({ HEROKU_API_KEY: "env-key-1234" });
    expect(() => context.configure(badRegion)).toThrow(MESSAGE);
    context.configure((key) => (key === "squadcast:region" ? "eu" : undefined));
    expect(context.settings.squadcast.apiUrl).toBe("https://api.eu.squadcast.com");
  });
});
