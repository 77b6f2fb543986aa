/** One alert-source type of Squadcast's catalog, as `GET /v3/alert-sources` returns it. */
export interface AlertSourceType {
  /** Identifier used in a service's active alert-source list (24 hex). */
  readonly _id: string;
  /** Display name, e.g. "Heroku". */
  readonly type: string;
  /** Heading of the integration's page. */
  readonly heading: string;
  /** Link to the integration's documentation. */
  readonly supportDoc: string;
  /** Whether only the service's key is shown instead of a webhook URL. */
  readonly displayKeyOnly: boolean;
  /** The slug used in webhook URLs: `/<version>/incidents/<shortName>/<api_key>`. */
  readonly shortName: string;
  /** The ingestion API version in webhook URLs. */
  readonly version: string;
  /** Legacy validity flag. */
  readonly isValid: boolean;
  /** Whether the source is private to some organizations. */
  readonly isPrivate: boolean;
  /** Whether the source is deprecated. */
  readonly deprecated: boolean;
}

/**
 * The sandbox's alert-source catalog. The item shape is the one Squadcast's Terraform provider reads;
 * ids are fixed so that tests and the demo can name them.
 */
export const ALERT_SOURCE_CATALOG: readonly AlertSourceType[] = [
  {
    _id: "5d7f6c0e9a1b2c3d4e5f6a01",
    type: "Heroku",
    heading: "Heroku Webhook Notification",
    supportDoc: "https://support.squadcast.com/integrations/alert-source-integrations-native/heroku",
    displayKeyOnly: false,
    shortName: "heroku",
    version: "v1",
    isValid: true,
    isPrivate: false,
    deprecated: false,
  },
  {
    _id: "5d7f6c0e9a1b2c3d4e5f6a02",
    type: "Incident Webhook",
    heading: "Incident Webhook",
    supportDoc: "https://support.squadcast.com/integrations/incident-webhook-incident-webhook-api",
    displayKeyOnly: false,
    shortName: "api",
    version: "v2",
    isValid: true,
    isPrivate: false,
    deprecated: false,
  },
  {
    _id: "5d7f6c0e9a1b2c3d4e5f6a03",
    type: "Email",
    heading: "Email",
    supportDoc: "https://support.squadcast.com/integrations/alert-source-integrations-native/email",
    displayKeyOnly: false,
    shortName: "email",
    version: "v1",
    isValid: true,
    isPrivate: false,
    deprecated: false,
  },
  {
    _id: "5d7f6c0e9a1b2c3d4e5f6a04",
    type: "Sentry",
    heading: "Sentry Webhook Notification",
    supportDoc: "https://support.squadcast.com/integrations/alert-source-integrations-native/sentry",
    displayKeyOnly: false,
    shortName: "sentry",
    version: "v1",
    isValid: true,
    isPrivate: false,
    deprecated: false,
  },
  {
    _id: "5d7f6c0e9a1b2c3d4e5f6a05",
    type: "Datadog",
    heading: "Datadog Webhook Notification",
    supportDoc: "https://support.squadcast.com/integrations/alert-source-integrations-native/datadog",
    displayKeyOnly: false,
    shortName: "datadog",
    version: "v1",
    isValid: true,
    isPrivate: false,
    deprecated: false,
  },
  {
    _id: "5d7f6c0e9a1b2c3d4e5f6a06",
    type: "Stackdriver",
    heading: "Stackdriver Webhook Notification",
    supportDoc: "https://support.squadcast.com/integrations/alert-source-integrations-native/stackdriver",
    displayKeyOnly: false,
    shortName: "stackdriver",
    version: "v1",
    isValid: false,
    isPrivate: false,
    deprecated: true,
  },
];
