import * as pulumi from "@pulumi/pulumi";
import type { EngineEvent, GlobalOpts } from "@pulumi/pulumi/automation";
import type { LocalStack } from "../../../src/engine/local-stack";
import { AppWebhook } from "../../../src/heroku/app-webhook";
import { SANDBOX_FIXTURE } from "heroku-squadcast-sandbox";
import { AlertSource } from "../../../src/squadcast/alert-source";
import { useSandboxStacks } from "../../support/use-sandbox-stack";
import { startTokenCaptureProxy, type TokenCaptureProxy } from "../harness/token-capture-proxy";

// Values the program passes; each is long and unique enough that finding it anywhere is a leak.
const WEBHOOK_SECRET = "whsec-reliability-5f1e9c8d2b7a";
const NEW_WEBHOOK_SECRET = "whsec-rotated-reliability-0c4d6e";
const AUTHORIZATION_TOKEN = "authz-reliability-77aa0b3c9e";
const AUTHORIZATION = `Bearer ${AUTHORIZATION_TOKEN}`;

/** The most verbose the engine gets: its own logs, the plugins' and the providers', all on stderr. */
const VERBOSE: GlobalOpts = { logVerbosity: 9, logToStdErr: true, logFlow: true, debug: true };

/**
 * Pulumi's own dumps of RPC payloads, which print every property value, secrets included, and which no
 * provider can prevent: the engine's `(Un)Marshaling property for RPC[...]` at -v=9 (up to CLI v3.259.0),
 * and the Node SDK's `RegisterResource RPC prepared/finished` debug messages (also relayed by the engine's
 * event sink).
 */
const PULUMI_RPC_DUMP =
  /^(eventSink::Debug\(.*)?(Marshaling property for RPC\[|Unmarshaling property for RPC\[|RegisterResource(Outputs)? RPC (prepared|finished): )/s;

/** What one operation printed, emitted and threw, kept apart so each can be judged on its own. */
interface Transcript {
  output: string;
  stderr: string;
  events: EngineEvent[];
  error: string;
  state: string;
}

describe("secrets stay out of state, output, logs, errors and the request log", () => {
  let proxy: TokenCaptureProxy;
  let local: LocalStack;
  const sandboxLog: string[] = [];
  let restoreStderr: () => void;
  const leaksFound: string[] = [];

  beforeAll(() => {
    // The sandbox prints each request it serves; what it prints is searched too.
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      sandboxLog.push(String(chunk));
      return write(chunk, ...rest);
    }) as typeof process.stderr.write;
    restoreStderr = () => {
      process.stderr.write = write;
    };
  });
  afterAll(() => {
    restoreStderr?.();
  });
  const { sandbox, openStack, disposeAfter } = useSandboxStacks({ log: true });
  afterAll(() => {
    console.log(`secrets e2e: ${leaksFound.length} leaked secrets`);
  });

  beforeAll(async () => {
    proxy = disposeAfter(await startTokenCaptureProxy(sandbox.urls.squadcastAuth));
    for (const app of ["secret-app", "secret-fleet-1", "secret-fleet-2"])
      await sandbox.admin.createHerokuApp(app);
    local = await openStack({
      projectName: "reliability-secrets",
      // Credentials from the environment, as docs/reliability.md recommends: they never pass through the
      // engine. The webhook's secrets are stack config secrets, as a real program would keep them.
      env: { ...sandbox.env, SQUADCAST_AUTH_URL: proxy.url },
      config: { "reliability-secrets:authorization": { value: AUTHORIZATION, secret: true } },
      // Custom resources and no stack outputs: outputs of a component (or of the stack) still being
      // registered when the failed update stops are rejected, unhandled, in this process, where the
      // inline program runs, and jest would report that as a failure of the suite.
      program: async () => {
        const config = new pulumi.Config();
        const source = new AlertSource("source", { service: { name: "demo-service", team: "Default Team" } });
        new AppWebhook("secret-webhook", {
          app: "secret-app",
          url: source.webhookUrl,
          secret: config.requireSecret("webhookSecret"),
          authorization: config.requireSecret("authorization"),
        });
        // Heroku generates these webhooks' signing secrets.
        for (const app of ["secret-fleet-1", "secret-fleet-2"])
          new AppWebhook(app, { app, url: source.webhookUrl });
      },
    });
  });

  /** Runs an operation and keeps everything it printed, emitted or threw, and the state after it. */
  async function record(
    operation: (opts: object) => Promise<unknown>,
    verbose: boolean,
  ): Promise<Transcript> {
    const transcript: Transcript = { output: "", stderr: "", events: [], error: "", state: "" };
    const opts = {
      ...(verbose ? VERBOSE : {}),
      onOutput: (out: string) => (transcript.output += out),
      onError: (err: string) => (transcript.stderr += err),
      onEvent: (event: EngineEvent) => transcript.events.push(event),
    };
    try {
      await operation(opts);
    } catch (error) {
      transcript.error = error instanceof Error ? `${error.message}\n${error.stack ?? ""}` : String(error);
    }
    // Read after every operation, failed ones too; a read that fails fails the test rather than leaving
    // nothing to search. The checkpoint must be this stack's, with the stack itself in it.
    transcript.state = local.readStateFile();
    const { checkpoint } = JSON.parse(transcript.state) as { checkpoint: { stack: string; latest: object } };
    expect(checkpoint.stack).toMatch(/\/reliability-secrets\/dev$/);
    expect(checkpoint.latest).toEqual(expect.any(Object));
    return transcript;
  }

  /** Every secret the run could have exposed, read from the fixture, the sandbox and the token proxy. */
  async function secretsOfTheRun(generated: readonly string[]): Promise<Record<string, string>> {
    const secrets: Record<string, string> = {
      "Heroku API key": SANDBOX_FIXTURE.heroku.apiKey,
      "Squadcast refresh token": SANDBOX_FIXTURE.squadcast.refreshToken,
      "webhook secret": WEBHOOK_SECRET,
      "rotated webhook secret": NEW_WEBHOOK_SECRET,
      "authorization token": AUTHORIZATION_TOKEN,
    };
    proxy.issued.forEach((token, index) => (secrets[`access token ${index + 1}`] = token));
    generated.forEach((value, index) => (secrets[`generated webhook secret ${index + 1}`] = value));
    for (const service of await sandbox.admin.squadcastServices()) {
      secrets[`service key of ${service.name}`] = service.api_key;
    }
    return secrets;
  }

  /** The whole lifecycle, with a failed update whose API errors quote the secrets sent. */
  async function lifecycle(
    verbose: boolean,
  ): Promise<{ transcripts: Record<string, Transcript>; generated: string[] }> {
    const transcripts: Record<string, Transcript> = {};
    await local.stack.setConfig("reliability-secrets:webhookSecret", { value: WEBHOOK_SECRET, secret: true });
    transcripts.up = await record((opts) => local.stack.up(opts), verbose);
    transcripts.preview = await record((opts) => local.stack.preview(opts), verbose);
    await sandbox.admin.expireSquadcastTokens();
    transcripts.refresh = await record((opts) => local.stack.refresh(opts), verbose);

    // Rotating the secret fails: Heroku answers with a message that quotes what it was sent and the
    // credential it was sent with.
    await local.stack.setConfig("reliability-secrets:webhookSecret", {
      value: NEW_WEBHOOK_SECRET,
      secret: true,
    });
    await sandbox.admin.addFault({
      target: "heroku",
      method: "PATCH",
      status: 422,
      contentType: "application/json",
      body: JSON.stringify({
        id: "invalid_params",
        message: `secret ${NEW_WEBHOOK_SECRET} and authorization ${AUTHORIZATION} refused for ${SANDBOX_FIXTURE.heroku.apiKey}`,
      }),
    });
    transcripts["failed update"] = await record((opts) => local.stack.up(opts), verbose);
    await sandbox.admin.clearFaults();
    transcripts["up again"] = await record((opts) => local.stack.up(opts), verbose);
    const generated = [
      ...(await sandbox.admin.herokuWebhooks("secret-fleet-1")),
      ...(await sandbox.admin.herokuWebhooks("secret-fleet-2")),
    ].map((webhook) => webhook.secret);
    transcripts.destroy = await record((opts) => local.stack.destroy(opts), verbose);

    for (const [name, transcript] of Object.entries(transcripts)) {
      const failed = name === "failed update";
      expect({ name, failed: transcript.error !== "" }).toEqual({ name, failed });
    }
    // The states searched are the ones that held the secrets: the webhook is in state until destroy.
    for (const name of ["up", "preview", "refresh", "failed update", "up again"]) {
      expect({ name, webhook: transcripts[name].state.includes("::secret-webhook") }).toEqual({
        name,
        webhook: true,
      });
    }
    expect(transcripts.destroy.state).not.toContain("::secret-webhook");
    const failure = transcripts["failed update"].error;
    expect(failure).toMatch(
      /Heroku API PATCH \/apps\/[^/]+\/webhooks\/[^ ]+ failed: 422 invalid_params: secret \*\*\* and authorization Bearer \*\*\* refused for \*\*\*/,
    );
    expect(proxy.issued.length).toBeGreaterThanOrEqual(3);
    expect(generated).toHaveLength(2);
    return { transcripts, generated };
  }

  test("at the default verbosity, no secret appears, except derived ones in the Node SDK's debug dumps", async () => {
    const { transcripts, generated } = await lifecycle(false);
    const secrets = await secretsOfTheRun(generated);
    const texts: Record<string, string> = {
      "request log": JSON.stringify(await sandbox.admin.requests()),
      "sandbox's printed log": sandboxLog.join(""),
    };
    const dumpTexts: Record<string, string> = {};
    for (const [name, transcript] of Object.entries(transcripts)) {
      texts[`${name}: CLI output`] = transcript.output;
      texts[`${name}: CLI stderr`] = transcript.stderr;
      texts[`${name}: error`] = transcript.error;
      texts[`${name}: state file`] = transcript.state;
      const [dumps, events] = partition(transcript.events, isRpcDumpEvent);
      texts[`${name}: engine events`] = JSON.stringify(events);
      dumpTexts[`${name}: Node SDK debug dumps`] = JSON.stringify(dumps);
    }
    const leaks = findLeaks(texts, secrets);
    leaksFound.push(...leaks);
    expect(leaks).toEqual([]);

    // The Node SDK logs every RegisterResource response at debug level, into the event stream (not the
    // display), with secret values in clear. The engine masks secrets it knows from stack config (the
    // webhook's secret and authorization here); only values a provider derived can show, and of those
    // only the alert source's URL, which carries the service key, and the signing secret Heroku generated
    // (AppWebhook's signingSecret output). Upstream; see docs/reliability.md.
    const inDumps = new Set(findLeaks(dumpTexts, secrets).map((leak) => leak.split(" in ")[0]));
    const derived = /^(service key of |generated webhook secret )/;
    expect([...inDumps].filter((what) => !derived.test(what))).toEqual([]);
  });

  test("at -v=9 with --logflow and --debug, secrets appear only in Pulumi's own RPC dumps", async () => {
    await sandbox.admin.clearRequests();
    sandboxLog.length = 0;
    const { transcripts, generated } = await lifecycle(true);
    // The engine really logged at verbosity 9 (CLI v3.277.0 writes its log as JSON lines, each with its
    // level as "v", and no longer dumps its own property marshaling there), and the SDK's RPC payload
    // dumps, which hold every property value, reached the output: the search below has what to exclude.
    expect(transcripts.up.stderr).toMatch(/"v":9[,}]/);
    expect(transcripts.up.events.filter(isRpcDumpEvent).length).toBeGreaterThan(0);

    const texts: Record<string, string> = {
      "request log": JSON.stringify(await sandbox.admin.requests()),
      "sandbox's printed log": sandboxLog.join(""),
    };
    for (const [name, transcript] of Object.entries(transcripts)) {
      const [dumps, events] = partition(transcript.events, isRpcDumpEvent);
      const dumpMessages = dumps.map((event) => event.diagnosticEvent?.message ?? "");
      texts[`${name}: CLI output`] = withoutDumps(transcript.output, dumpMessages);
      texts[`${name}: CLI stderr (engine and provider logs)`] = withoutDumpLines(transcript.stderr);
      texts[`${name}: engine events`] = JSON.stringify(events);
      // The error of a failed operation quotes the CLI's stderr, dumps included.
      texts[`${name}: error`] = withoutDumps(withoutDumpLines(transcript.error), dumpMessages);
      texts[`${name}: state file`] = transcript.state;
    }
    const secrets = await secretsOfTheRun(generated);
    const leaks = findLeaks(texts, secrets);
    leaksFound.push(...leaks);
    expect(leaks).toEqual([]);

    // Credentials taken from the environment never reach the engine, so not even its dumps hold them.
    const everything = Object.values(transcripts)
      .map((transcript) => transcript.output + transcript.stderr + JSON.stringify(transcript.events))
      .join("");
    const credentials = Object.entries(secrets).filter(([what]) =>
      /API key|refresh token|access token/.test(what),
    );
    expect(credentials.filter(([, value]) => everything.includes(value)).map(([what]) => what)).toEqual([]);
  });
});

function isRpcDumpEvent(event: EngineEvent): boolean {
  const diagnostic = event.diagnosticEvent;
  return diagnostic !== undefined && PULUMI_RPC_DUMP.test(diagnostic.message);
}

function partition<T>(items: readonly T[], predicate: (item: T) => boolean): [T[], T[]] {
  return [items.filter(predicate), items.filter((item) => !predicate(item))];
}

/** Text without the engine's JSON log lines that dump RPC payloads. */
function withoutDumpLines(text: string): string {
  return text
    .split("\n")
    .filter((line) => !PULUMI_RPC_DUMP.test(logMessage(line)))
    .join("\n");
}

function findLeaks(texts: Record<string, string>, secrets: Record<string, string>): string[] {
  const leaks: string[] = [];
  for (const [where, text] of Object.entries(texts)) {
    for (const [what, value] of Object.entries(secrets)) {
      if (text.includes(value)) leaks.push(`${what} in ${where}`);
    }
  }
  return leaks;
}

/** The message of one JSON log line of the engine (`--logtostderr`), or the line itself. */
function logMessage(line: string): string {
  try {
    const parsed = JSON.parse(line) as { msg?: unknown };
    return typeof parsed.msg === "string" ? parsed.msg : line;
  } catch {
    return line;
  }
}

/** The CLI's rendering with the lines of the given debug messages removed. */
function withoutDumps(output: string, dumps: readonly string[]): string {
  const dumpLines = new Set(
    dumps.flatMap((dump) => dump.split("\n").map((line) => line.trim())).filter(Boolean),
  );
  return output
    .split("\n")
    .filter((line) => {
      const trimmed = line.trim();
      if (dumpLines.has(trimmed)) return false;
      // The first line of a dump follows the resource's name and status on the same line.
      const debugAt = trimmed.indexOf("debug: ");
      return !(debugAt >= 0 && dumpLines.has(trimmed.slice(debugAt + "debug: ".length)));
    })
    .join("\n");
}
