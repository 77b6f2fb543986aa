import type { SquadcastAlertSourceType } from "./types";

/**
 * The catalog entry for an alert source named by `shortName` (such as `heroku`): an available entry
 * (valid, not private, not deprecated, as the official Terraform provider filters) before an unavailable
 * one, and an exact `shortName` before a display name equal to it ignoring case.
 *
 * @param catalog - the entries of the alert-source catalog.
 * @param shortName - the slug in webhook URLs, such as `heroku`.
 */
export function findAlertSourceType(
  catalog: readonly SquadcastAlertSourceType[],
  shortName: string,
): SquadcastAlertSourceType | undefined {
  const byShortName = catalog.filter((type) => type.shortName === shortName);
  const byType = catalog.filter((type) => type.type.toLowerCase() === shortName.toLowerCase());
  return (
    byShortName.find((type) => type.available) ??
    byShortName[0] ??
    byType.find((type) => type.available) ??
    byType[0]
  );
}
