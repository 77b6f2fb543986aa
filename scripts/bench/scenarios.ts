import * as pulumi from "@pulumi/pulumi";
import type { EntitySelection } from "../../src/mapping";
import { installedLibrary } from "./installed-library";

/** The app names of a benchmark fleet: `bench-app-0001` and on. */
export function benchApps(size: number): string[] {
  return Array.from({ length: size }, (_, index) => `bench-app-${String(index + 1).padStart(4, "0")}`);
}

/** The service every benchmark app delivers to: the sandbox fixture's. */
export const BENCH_SERVICE = { name: "demo-service", team: "Default Team" } as const;

/** The entities of the first `up`, and of the `up` that changes every app. */
export const ENTITIES_BEFORE: EntitySelection = "all";
export const ENTITIES_AFTER: EntitySelection = "deploys";

/** A program whose entities can be switched between runs, as a user edits the program. */
export interface BenchProgram {
  /** The Automation API inline program. */
  readonly run: () => Promise<Record<string, unknown>>;
  /** Switches every app to other entities for the next run. */
  changeEntities(): void;
}

/** The library under test, installed as users install it: one fleet of `size` apps into one service. */
export function libraryProgram(size: number): BenchProgram {
  const { HerokuSquadcastFleet } = installedLibrary();
  const apps = benchApps(size);
  let entities = ENTITIES_BEFORE;
  return {
    run: async () => {
      const fleet = new HerokuSquadcastFleet("bench", { service: BENCH_SERVICE, apps, entities });
      return { webhookCount: fleet.webhooks.apply((webhooks) => Object.keys(webhooks).length) };
    },
    changeEntities: () => {
      entities = ENTITIES_AFTER;
    },
  };
}

/**
 * The fleet component served by the provider plugin (`construct`), as a program in another language
 * reaches it: a remote component of type `heroku-squadcast:index:Fleet`, whose children are the plugin's
 * own resources.
 */
class RemoteFleet extends pulumi.ComponentResource {
  declare readonly webhooks: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: Record<string, pulumi.Input<unknown>>) {
    super(
      "heroku-squadcast:index:Fleet",
      name,
      { ...args, serviceIds: undefined, webhooks: undefined },
      {},
      true,
    );
  }
}

/** The same fleet as {@link libraryProgram}, on the provider plugin. */
export function pluginProgram(size: number): BenchProgram {
  const apps = benchApps(size);
  let entities = ENTITIES_BEFORE;
  return {
    run: async () => {
      const fleet = new RemoteFleet("bench", { service: BENCH_SERVICE, apps, entities });
      return { webhookCount: fleet.webhooks.apply((webhooks) => Object.keys(webhooks).length) };
    },
    changeEntities: () => {
      entities = ENTITIES_AFTER;
    },
  };
}

// The floor: the same resource graph (a component, one resource the others take an output of, one
// resource per app) of dynamic resources that do nothing. The provider captures nothing, so its
// serialized text is about as small as a dynamic provider gets.
const noOpProvider: pulumi.dynamic.ResourceProvider = {
  async create(inputs) {
    return { id: String(inputs.name), outs: inputs };
  },
  async diff(_id, olds, news) {
    return { changes: JSON.stringify(olds.value) !== JSON.stringify(news.value) || olds.url !== news.url };
  },
  async update(_id, _olds, news) {
    return { outs: news };
  },
  async read(id, props) {
    return { id, props };
  },
  async delete() {
    // Nothing to remove.
  },
};

class NoOp extends pulumi.dynamic.Resource {
  declare readonly url: pulumi.Output<string>;

  constructor(
    name: string,
    props: Record<string, pulumi.Input<unknown>>,
    opts: pulumi.CustomResourceOptions,
  ) {
    super(noOpProvider, name, props, opts, "bench", "NoOp");
  }
}

class FloorFleet extends pulumi.ComponentResource {
  readonly webhooks: pulumi.Output<number>;

  constructor(name: string, apps: readonly string[], entities: EntitySelection) {
    super("bench:index:FloorFleet", name, {}, {});
    const source = new NoOp(
      `${name}-service`,
      { name: "service", url: "https://example.com/hook" },
      { parent: this },
    );
    const webhooks = apps.map(
      (app) => new NoOp(`${name}-${app}`, { name: app, url: source.url, value: entities }, { parent: this }),
    );
    this.webhooks = pulumi.output(webhooks.length);
    this.registerOutputs({ webhooks: this.webhooks });
  }
}

/** The floor for a fleet of `size` apps: as many no-op dynamic resources, in the same graph. */
export function floorProgram(size: number): BenchProgram {
  const apps = benchApps(size);
  let entities = ENTITIES_BEFORE;
  return {
    run: async () => {
      const fleet = new FloorFleet("bench", apps, entities);
      return { webhookCount: fleet.webhooks };
    },
    changeEntities: () => {
      entities = ENTITIES_AFTER;
    },
  };
}
