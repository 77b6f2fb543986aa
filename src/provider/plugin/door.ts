import type * as pulumi from "@pulumi/pulumi";
import type * as provider from "@pulumi/pulumi/provider";
import { secretKeysOf, unwrapSecrets, withSecrets } from "./secrets";
import { secretPropertiesOf } from "./schema";

type Properties = Record<string, unknown>;

/** What `pulumi import` reads: the resource's state and the inputs that describe it. */
export interface ImportedResource {
  readonly id: string;
  readonly props: object;
  readonly inputs: object;
}

/** An implementation of the dynamic door, with the import it may add for the plugin's door. */
export interface Implementation extends pulumi.dynamic.ResourceProvider {
  importById?(id: string): Promise<ImportedResource>;
}

/**
 * Where the plugin's inputs (as the schema names them) and the implementation's differ; by default they
 * are the same.
 */
export interface InputShape {
  /** The schema's inputs as the implementation takes them. */
  toImplementation(inputs: Properties): Properties;
  /** The implementation's inputs as the schema names them (for `pulumi import`). */
  fromImplementation(inputs: Properties): Properties;
  /** An implementation's property name (in a check failure or a replacement) as the schema names it. */
  propertyName(property: string): string;
}

const SAME_SHAPE: InputShape = {
  toImplementation: (inputs) => inputs,
  fromImplementation: (inputs) => inputs,
  propertyName: (property) => property,
};

/**
 * The plugin's front door to one custom resource: the dynamic door's implementation (the same check,
 * diff and CRUD code), adapted to what the plugin protocol hands over and expects back. The engine sends
 * a plugin secrets wrapped and keeps secret only what comes back wrapped, so secrets are unwrapped on
 * the way in and the schema's secret properties (and any input that came in secret) wrapped on the way
 * out.
 */
export class CustomResourceDoor {
  private readonly secretInputs: readonly string[];
  private readonly secretOutputs: readonly string[];

  constructor(
    readonly token: string,
    private readonly implementation: Implementation,
    private readonly shape: InputShape = SAME_SHAPE,
  ) {
    const secrets = secretPropertiesOf(token);
    this.secretInputs = secrets.inputs;
    this.secretOutputs = secrets.outputs;
  }

  async check(olds: Properties, news: Properties): Promise<provider.CheckResult> {
    const given = this.shape.toImplementation(unwrapSecrets(news) as Properties);
    const result = await this.implementation.check!(unwrapSecrets(olds), given);
    const inputs = (result.inputs ?? given) as Properties;
    return {
      inputs: withSecrets(inputs, this.secretsOf(news)),
      failures: (result.failures ?? []).map((failure) => ({
        property: this.shape.propertyName(failure.property),
        reason: failure.reason,
      })),
    };
  }

  async diff(id: string, olds: Properties, news: Properties): Promise<provider.DiffResult> {
    const result = await this.implementation.diff!(id, unwrapSecrets(olds), unwrapSecrets(news));
    return {
      ...result,
      replaces: [...new Set((result.replaces ?? []).map((name) => this.shape.propertyName(name)))],
    };
  }

  async create(inputs: Properties): Promise<provider.CreateResult> {
    const result = await this.implementation.create(unwrapSecrets(inputs));
    return { id: result.id, outs: withSecrets(result.outs as Properties, this.secretsOf(inputs)) };
  }

  /**
   * Refresh reads with the state; `pulumi import` (and the `import` resource option) reads with nothing
   * but the id, which the implementation's `importById` turns into the state and the inputs that the
   * program should hold, so the next preview shows no change.
   */
  async read(id: string, props: Properties): Promise<provider.ReadResult> {
    if (Object.keys(props).length === 0) {
      if (!this.implementation.importById) throw new Error(`${this.token} cannot be imported`);
      const imported = await this.implementation.importById(id);
      return {
        id: imported.id,
        props: withSecrets({ ...imported.props }, this.secretOutputs),
        inputs: withSecrets(this.shape.fromImplementation({ ...imported.inputs }), this.secretInputs),
      };
    }
    const result = await this.implementation.read!(id, unwrapSecrets(props));
    // An empty id: deleted outside Pulumi, so refresh drops it (the protocol still wants properties).
    if (!result.id) return { id: "", props: {} };
    return { id: result.id, props: withSecrets(result.props as Properties, this.secretsOf(props)) };
  }

  async update(id: string, olds: Properties, news: Properties): Promise<provider.UpdateResult> {
    if (!this.implementation.update) throw new Error(`${this.token} has no update: every change replaces it`);
    const result = await this.implementation.update(id, unwrapSecrets(olds), unwrapSecrets(news));
    return { outs: withSecrets(result.outs as Properties, this.secretsOf(news)) };
  }

  async delete(id: string, props: Properties): Promise<void> {
    await this.implementation.delete!(id, unwrapSecrets(props));
  }

  private secretsOf(given: Properties): Set<string> {
    return new Set([...this.secretInputs, ...this.secretOutputs, ...secretKeysOf(given)]);
  }
}
