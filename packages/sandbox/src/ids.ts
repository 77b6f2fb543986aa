import { randomBytes, randomUUID } from "node:crypto";

/** A Heroku-style identifier: a random version-4 UUID. */
export function newUuid(): string {
  return randomUUID();
}

/** A Squadcast-style identifier: 24 lowercase hex characters, the shape of a MongoDB ObjectId. */
export function newObjectId(): string {
  return randomBytes(12).toString("hex");
}

/** A Squadcast service `api_key`: 40 lowercase hex characters, as in Squadcast's examples. */
export function newServiceApiKey(): string {
  return randomBytes(20).toString("hex");
}

/** A random secret of 64 hex characters, for generated webhook secrets and access tokens. */
export function newSecret(): string {
  return randomBytes(32).toString("hex");
}
