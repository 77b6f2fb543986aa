import { AppWebhook } from "../../src/heroku/app-webhook";
import { SANDBOX_FIXTURE } from "heroku-squadcast-sandbox";
import { AlertSource } from "../../src/squadcast/alert-source";
import { useSandboxStacks } from "../support/use-sandbox-stack";

const APP = SANDBOX_FIXTURE.heroku.appName;

// The endpoints come only from stack config here: the environment carries the credentials alone, so a
// key that is not read would send the provider to the real APIs and fail the `up`.
describe("endpoint config keys on the real engine", () => {
  const { sandbox, openStack } = useSandboxStacks();
  beforeEach(async () => {
    await sandbox.admin.reset();
  });

  async function upWith(keys: { heroku: string; squadcastApi: string; squadcastAuth: string }) {
    const local = await openStack({
      projectName: "config-keys-e2e",
      env: {
        HEROKU_API_KEY: SANDBOX_FIXTURE.heroku.apiKey,
        SQUADCAST_REFRESH_TOKEN: SANDBOX_FIXTURE.squadcast.refreshToken,
      },
      config: {
        [keys.heroku]: { value: sandbox.urls.heroku },
        [keys.squadcastApi]: { value: sandbox.urls.squadcast },
        [keys.squadcastAuth]: { value: sandbox.urls.squadcastAuth },
      },
      program: async () => {
        const source = new AlertSource("source", { service: { name: "demo-service", team: "Default Team" } });
        new AppWebhook("webhook", { app: APP, url: source.webhookUrl, entities: ["api:build"] });
      },
    });
    return { result: await local.stack.up() };
  }

  test("the package's own keys send the provider to the endpoints they name", async () => {
    const { result } = await upWith({
      heroku: "herokuSquadcast:herokuApiUrl",
      squadcastApi: "herokuSquadcast:squadcastApiUrl",
      squadcastAuth: "herokuSquadcast:squadcastAuthUrl",
    });
    expect(result.summary.result).toBe("succeeded");
    expect(await sandbox.admin.herokuWebhooks(APP)).toHaveLength(1);
  });
});
