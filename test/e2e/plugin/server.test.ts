import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import * as readline from "node:readline";
import { SANDBOX_FIXTURE } from "heroku-squadcast-sandbox";
import { useSandbox } from "../../support/use-sandbox";

// The built plugin, spoken to over gRPC as the engine speaks to it, without the engine: the requests are
// the ones the engine sends, made by hand so each can be shaped exactly (an import's Read carries no
// properties; Configure carries the provider's configuration).

/* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any */
const sdk = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
const grpc = require(require.resolve("@grpc/grpc-js", { paths: [sdk] }));
const { Struct } = require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [sdk] }));
const services = require(path.join(sdk, "proto/provider_grpc_pb"));
const messages = require(path.join(sdk, "proto/provider_pb"));
/* eslint-enable @typescript-eslint/no-require-imports */

const PLUGIN = path.resolve(__dirname, "../../../dist/provider/plugin/main.js");
const APP = SANDBOX_FIXTURE.heroku.appName;
const URN = "urn:pulumi:dev::plugin-test::heroku-squadcast:heroku:AppWebhook::hook";
const SECRET_SIG = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };

describe("the provider plugin over gRPC", () => {
  const sandbox = useSandbox();
  let plugin: ChildProcess;
  let client: any;
  const stderr: string[] = [];

  beforeAll(async () => {
    // No credential in the environment: the plugin must take them from Configure.
    const env = { ...process.env };
    for (const name of Object.keys(env)) if (/^(HEROKU|SQUADCAST)_/.test(name)) delete env[name];
    plugin = spawn(process.execPath, [PLUGIN], { env, stdio: ["ignore", "pipe", "pipe"] });
    plugin.stderr!.on("data", (chunk: Buffer) => stderr.push(chunk.toString()));
    const [port] = (
      await readline.createInterface({ input: plugin.stdout! })[Symbol.asyncIterator]().next()
    ).value.split(/\s/);
    client = new services.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  });
  afterAll(() => {
    client?.close();
    plugin?.kill();
  });

  function call<Response>(method: string, request: unknown): Promise<Response> {
    return new Promise((resolve, reject) =>
      client[method](request, (error: Error | null, response: Response) =>
        error ? reject(error) : resolve(response),
      ),
    );
  }

  async function configure(
    args: Record<string, unknown> = { herokuApiKey: { ...SECRET_SIG, value: sandbox.env.HEROKU_API_KEY } },
  ): Promise<void> {
    const request = new messages.ConfigureRequest();
    request.setArgs(Struct.fromJavaScript({ herokuApiUrl: sandbox.env.HEROKU_API_URL, ...args }));
    await call("configure", request);
  }

  async function webhookMadeByHand(): Promise<string> {
    const response = await fetch(`${sandbox.env.HEROKU_API_URL}/apps/${APP}/webhooks`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${sandbox.env.HEROKU_API_KEY}`,
        accept: "application/vnd.heroku+json; version=3",
        "content-type": "application/json",
      },
      body: JSON.stringify({
        url: "https://hooks.example.com/by-hand",
        include: ["api:release"],
        level: "sync",
      }),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  }

  it("serves the package schema", async () => {
    const response: any = await call("getSchema", new messages.GetSchemaRequest());
    expect(JSON.parse(response.getSchema()).name).toBe("heroku-squadcast");
  });

  it("reads an import, whose Read carries no properties, with the credentials Configure gave", async () => {
    await configure();
    const webhookId = await webhookMadeByHand();
    const request = new messages.ReadRequest();
    request.setId(`${APP}:${webhookId}`);
    request.setUrn(URN);
    expect(request.getProperties()).toBeUndefined();

    const response: any = await call("read", request);

    expect(response.getId()).toBe(webhookId);
    expect(response.getInputs().toJavaScript()).toEqual({
      app: APP,
      url: { ...SECRET_SIG, value: "https://hooks.example.com/by-hand" },
      entities: { "api:release": true },
      level: "sync",
    });
    const props = response.getProperties().toJavaScript();
    expect(props).toMatchObject({ webhookId, appName: APP, origin: "adopted-by-id" });
    expect(props.url).toEqual({ ...SECRET_SIG, value: "https://hooks.example.com/by-hand" });
    expect(props).not.toHaveProperty("secret");
    expect(props).not.toHaveProperty("signingSecret");
  });

  it("refuses an import id of another shape, saying which shapes it takes", async () => {
    await configure();
    const request = new messages.ReadRequest();
    request.setId("not-an-id");
    request.setUrn(URN);
    await expect(call("read", request)).rejects.toThrow(
      'is not "<app>/<webhook id>" or "<app>:<webhook id>"',
    );
  });

  it("names its own config keys when a credential is missing, not the TypeScript resources'", async () => {
    await configure({});
    const check = new messages.CheckRequest();
    check.setUrn(URN);
    check.setOlds(Struct.fromJavaScript({}));
    check.setNews(
      Struct.fromJavaScript({ app: APP, url: { ...SECRET_SIG, value: "https://hooks.example.com/x" } }),
    );
    const checked: any = await call("check", check);
    const reasons = checked.getFailuresList().map((failure: any) => failure.getReason());
    expect(reasons).toEqual([
      "Heroku API key is missing: run `pulumi config set --secret heroku-squadcast:herokuApiKey <key>` " +
        "or set HEROKU_API_KEY.",
    ]);

    // Destroy's advice (the credential came from the state) names the plugin's key too.
    const remove = new messages.DeleteRequest();
    remove.setId("01234567-89ab-cdef-0123-456789abcdef");
    remove.setUrn(URN);
    remove.setProperties(Struct.fromJavaScript({ app: APP, appId: APP, appName: APP }));
    const refused = call("delete", remove);
    await expect(refused).rejects.toThrow("heroku-squadcast:herokuApiKey");
    await expect(refused).rejects.not.toThrow("heroku:apiKey");
  });

  it("names its own config key for a setting it refuses", async () => {
    await expect(configure({ herokuApiUrl: "http://heroku-api.invalid" })).rejects.toThrow(
      /^.*heroku-squadcast:herokuApiUrl must use https/,
    );
  });

  it("never writes a credential to its output", () => {
    expect(stderr.join("")).not.toContain(SANDBOX_FIXTURE.heroku.apiKey);
  });
});
