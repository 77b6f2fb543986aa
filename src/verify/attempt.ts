import type { VerifyCheck } from "./types";

/** A check's API calls done, or the check failed with one line. */
export type Attempt<T> = { ok: true; value: T } | { ok: false; failure: VerifyCheck };

/** Runs one check's API calls; any error becomes that check's failure, with the error's one-line message. */
export async function attempt<T>(name: VerifyCheck["name"], work: () => Promise<T>): Promise<Attempt<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, failure: { name, ok: false, detail: message.split("\n")[0]! } };
  }
}
