import { SANDBOX_FIXTURE } from "../fixture";

/** A Sentry project with the Heroku plugin's options. */
export interface SentryProject {
  /** Numeric id, as in hook URLs. */
  readonly id: string;
  /** Project slug. */
  readonly slug: string;
  /** `heroku:webhook_secret`: key of the body signature; null when unset (every delivery is dropped). */
  readonly webhookSecret: string | null;
  /** `sentry:release-token`: key of the URL signature; null when unset (403). */
  readonly releaseToken: string | null;
  /** `heroku:environment` of deploys; null means `production`. */
  readonly environment: string | null;
  /** `heroku:repository`: commits are recorded against it when set. */
  readonly repository: string | null;
  /** E-mail addresses of organization members, lowercased. */
  readonly members: readonly string[];
  /** Whether the Heroku plugin is enabled (403 otherwise). */
  readonly pluginEnabled: boolean;
  /** Answer 401 instead of Sentry's 204 when the body signature is wrong. */
  readonly strictSignatures: boolean;
}

/** An organization-level release, keyed by version (the commit SHA). */
export interface SentryRelease {
  /** The release version: the full commit SHA. */
  readonly version: string;
  /** Slugs of the projects the release belongs to. */
  readonly projects: string[];
  /** `http://<app>.herokuapp.com`, or null without an app name. */
  url: string | null;
  /** The matched owner's e-mail, or null when the deployer is not a member. */
  owner: string | null;
  /** Commits recorded with the release. */
  readonly refs: { readonly commit: string; readonly repository: string }[];
  /** When the release was first created (ISO 8601). */
  readonly dateCreated: string;
  /** When a Heroku release last finished it. */
  dateReleased: string;
}

/** A deploy of a release to an environment. */
export interface SentryDeploy {
  /** Sequence number, from 1. */
  readonly id: number;
  /** The release version. */
  readonly version: string;
  /** The project's slug. */
  readonly project: string;
  /** The environment deployed to. */
  readonly environment: string;
  /** When the deploy finished (ISO 8601). */
  readonly dateFinished: string;
}

/** What the receiver did with one hook request that reached the plugin. */
export interface SentryHookOutcome {
  /** When it arrived (ISO 8601). */
  readonly receivedAt: string;
  /** The project of the URL. */
  readonly projectId: string;
  /** `released`: a release was upserted; `rejected`: bad or missing body signature; `ignored`: a no-op. */
  readonly outcome: "released" | "rejected" | "ignored";
  /** Why, in a few words. */
  readonly reason: string;
}

/** The in-memory Sentry organization: projects, releases, deploys and hook outcomes. */
export class SentryState {
  /** Projects by numeric id. */
  readonly projects = new Map<string, SentryProject>();
  /** Releases by version. */
  readonly releases = new Map<string, SentryRelease>();
  /** Deploys, oldest first. */
  readonly deploys: SentryDeploy[] = [];
  /** What the hook did with each request that reached the plugin, oldest first. */
  readonly hookOutcomes: SentryHookOutcome[] = [];
  /**
   * The status every hook URL answers once the Heroku plugin is gone from this Sentry (404 or 410), as
   * on a Sentry that no longer ships it; null while the hook is served.
   */
  hookRemovedStatus: 404 | 410 | null = null;

  constructor() {
    this.reset();
  }

  /** Back to the fixture: project 1 `demo` with its secret, token and one member; no releases. */
  reset(): void {
    this.projects.clear();
    this.releases.clear();
    this.deploys.length = 0;
    this.hookOutcomes.length = 0;
    this.hookRemovedStatus = null;
    const fixture = SANDBOX_FIXTURE.sentry;
    this.addProject({
      id: fixture.projectId,
      slug: fixture.projectSlug,
      webhookSecret: fixture.webhookSecret,
      releaseToken: fixture.releaseToken,
      environment: null,
      repository: null,
      members: [fixture.member],
      pluginEnabled: true,
      strictSignatures: false,
    });
  }

  /** Adds or replaces a project. */
  addProject(project: SentryProject): SentryProject {
    const stored = { ...project, members: project.members.map((email) => email.toLowerCase()) };
    this.projects.set(stored.id, stored);
    return stored;
  }

  /** A numeric id not used by any project. */
  nextProjectId(): string {
    let highest = 0;
    for (const id of this.projects.keys()) highest = Math.max(highest, Number(id));
    return String(highest + 1);
  }
}
