/**
 * The fixed names and credentials of the sandbox's default fixture, which it holds on start and after
 * `POST /__sandbox/reset`. Identifiers that real services generate (app id, team id, service id and
 * `api_key`) are random per sandbox but stay the same across resets; read them through the APIs.
 */
export const SANDBOX_FIXTURE = {
  heroku: {
    /** The only Heroku API key the sandbox accepts. */
    apiKey: "sandbox-heroku-key",
    /** The app that exists from the start. */
    appName: "demo-app",
    /** The account that owns the key; also the default actor of simulated events. */
    accountEmail: "dev@example.com",
  },
  squadcast: {
    /** The refresh token the auth endpoint exchanges for access tokens. */
    refreshToken: "sandbox-refresh-token",
    /** The organization every team and service belongs to. */
    organizationName: "Sandbox Org",
    /** The organization slug, also the middle label of service e-mail addresses. */
    organizationSlug: "sandbox",
    /** The default team, owner of the fixture service. */
    teamName: "Default Team",
    /** The service that exists from the start. */
    serviceName: "demo-service",
    /**
     * The `shortName` of the alert source already active on the fixture service, so tests can prove that
     * adding Heroku keeps what others set up.
     */
    preexistingAlertSource: "datadog",
  },
  sentry: {
    /** The numeric id of the fixture project, as it appears in hook URLs. */
    projectId: "1",
    /** The fixture project's slug. */
    projectSlug: "demo",
    /** The project's `heroku:webhook_secret`: Heroku must sign deliveries with it. */
    webhookSecret: "sandbox-sentry-webhook-secret",
    /** The project's `sentry:release-token`, the key of the hook URL's signature. */
    releaseToken: "sandbox-sentry-release-token",
    /** The one organization member, matched against the deployer's e-mail. */
    member: "dev@example.com",
  },
} as const;
