import { execFile } from "node:child_process";
import * as path from "node:path";

/** What one worker process does to a service's active alert sources. */
export interface AlertSourceWorkerOptions {
  /** Squadcast API base URL. */
  readonly apiUrl: string;
  /** Squadcast token-exchange base URL. */
  readonly authUrl: string;
  /** The refresh token. */
  readonly refreshToken: string;
  /** The service whose alert sources every worker edits. */
  readonly serviceId: string;
  /** This worker's alert source type (a catalog id): the only one it adds or removes. */
  readonly alertSourceId: string;
  /** How many times it adds and then removes its alert source. */
  readonly rounds: number;
  /** Whether it adds its alert source once more at the end. */
  readonly endActive: boolean;
}

/** What a worker reports when it is done. */
export interface AlertSourceWorkerResult {
  /** Activations that found the source already active (never expected: each worker owns its own). */
  readonly alreadyActive: number;
  /** The active list the worker read last. */
  readonly lastSeen: string[];
}

const DIST = path.resolve(__dirname, "../../../dist");

// Plain JavaScript run by `node -e`: a separate process with its own clients and token, loading the
// compiled library exactly as a provider process does.
const WORKER_SOURCE = `
const { activateAlertSource, deactivateAlertSource } = require(${JSON.stringify(`${DIST}/squadcast/active-alert-sources.js`)});
const { SquadcastClient } = require(${JSON.stringify(`${DIST}/clients/squadcast/client.js`)});
const { SquadcastTokenSource } = require(${JSON.stringify(`${DIST}/clients/squadcast/auth.js`)});
(async () => {
  const options = JSON.parse(process.env.ALERT_SOURCE_WORKER);
  const tokenSource = new SquadcastTokenSource({ refreshToken: options.refreshToken, authUrl: options.authUrl });
  const squadcast = new SquadcastClient({ tokenSource, apiUrl: options.apiUrl });
  let alreadyActive = 0;
  for (let round = 0; round < options.rounds; round++) {
    if (!(await activateAlertSource(squadcast, options.serviceId, options.alertSourceId))) alreadyActive++;
    await deactivateAlertSource(squadcast, options.serviceId, options.alertSourceId);
  }
  if (options.endActive && !(await activateAlertSource(squadcast, options.serviceId, options.alertSourceId))) alreadyActive++;
  const lastSeen = await squadcast.getActiveAlertSourceIds(options.serviceId);
  process.stdout.write(JSON.stringify({ alreadyActive, lastSeen }));
})().catch((error) => {
  process.stderr.write(String(error && error.message ? error.message : error));
  process.exit(1);
});
`;

/** Runs one worker in its own `node` process; rejects with its error message if it fails. */
export function runAlertSourceWorker(options: AlertSourceWorkerOptions): Promise<AlertSourceWorkerResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["-e", WORKER_SOURCE],
      { env: { ...process.env, ALERT_SOURCE_WORKER: JSON.stringify(options) }, timeout: 90_000 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`alert source worker failed: ${stderr || error.message}`));
        else resolve(JSON.parse(stdout) as AlertSourceWorkerResult);
      },
    );
  });
}
