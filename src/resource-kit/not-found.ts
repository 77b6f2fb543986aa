import type * as pulumi from "@pulumi/pulumi";
import { isNotFoundError } from "../http/errors";

// A 404 from the API means the thing was deleted, by Pulumi or outside it: news for `read`, success for
// `delete`, a failure for nothing else.

/**
 * Runs a `read`; when the API answers 404, the resource was deleted outside Pulumi and the read says so
 * with an empty id, which makes refresh drop it from the state (the next `up` creates it again).
 */
export async function readUnlessDeleted<State>(
  read: () => Promise<pulumi.dynamic.ReadResult<State>>,
): Promise<pulumi.dynamic.ReadResult<State>> {
  try {
    return await read();
  } catch (error) {
    if (isNotFoundError(error)) return { id: "" };
    throw error;
  }
}

/**
 * Runs a deletion; a 404 means the thing is already gone (deleted outside Pulumi, or by a retried
 * request whose first answer was lost), which is all a deletion wants.
 */
export async function ignoringNotFound(remove: () => Promise<unknown>): Promise<void> {
  try {
    await remove();
  } catch (error) {
    if (!isNotFoundError(error)) throw error;
  }
}
