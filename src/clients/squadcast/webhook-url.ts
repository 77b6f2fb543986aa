import type { SquadcastAlertSourceType, SquadcastService } from "./client";

/**
 * The URL an alert source receives events on, as Squadcast derives it: the email integration uses the
 * service's address, key-only integrations the bare key, all others a path with the key at the end.
 */
export function webhookUrlOf(
  ingestionUrl: string,
  sourceType: Pick<SquadcastAlertSourceType, "shortName" | "version" | "displayKeyOnly">,
  service: Pick<SquadcastService, "apiKey" | "email">,
): string {
  if (sourceType.shortName === "email" && service.email) return service.email;
  if (sourceType.displayKeyOnly) return service.apiKey;
  const base = ingestionUrl.replace(/\/+$/, "");
  return `${base}/${sourceType.version || "v1"}/incidents/${sourceType.shortName}/${service.apiKey}`;
}
