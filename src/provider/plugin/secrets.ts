import * as pulumi from "@pulumi/pulumi";

// The engine hands a plugin that accepts secrets each secret as a wrapped value
// (`{ "4dabf…": "1b47…", value }`) and keeps secret what the plugin hands back wrapped. The
// implementations work on plain values: the door unwraps on the way in and wraps on the way out.

/** A value with every secret wrapper removed. */
export function unwrapSecrets(value: unknown): unknown {
  if (pulumi.runtime.isRpcSecret(value)) return unwrapSecrets(pulumi.runtime.unwrapRpcSecret(value));
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, unwrapSecrets(inner)]));
  }
  return value;
}

/** The top-level properties that are secret, or contain one. */
export function secretKeysOf(properties: Record<string, unknown>): string[] {
  return Object.keys(properties).filter((key) => containsSecret(properties[key]));
}

function containsSecret(value: unknown): boolean {
  if (pulumi.runtime.isRpcSecret(value)) return true;
  if (Array.isArray(value)) return value.some(containsSecret);
  if (typeof value === "object" && value !== null) return Object.values(value).some(containsSecret);
  return false;
}

/** The properties with those named wrapped as secrets (absent and undefined ones stay as they are). */
export function withSecrets(
  properties: Record<string, unknown>,
  secretKeys: Iterable<string>,
): Record<string, unknown> {
  const out = { ...properties };
  for (const key of secretKeys) {
    if (out[key] !== undefined && !pulumi.runtime.isRpcSecret(out[key])) {
      out[key] = { [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig, value: out[key] };
    }
  }
  return out;
}
