import type {
  PolicyResource,
  PolicyResourceOptions,
  ReportViolation,
  ResourceValidationArgs,
  StackValidationArgs,
} from "@pulumi/policy";
import * as proxyModule from "@pulumi/policy/proxy";

// Arguments shaped as @pulumi/policy builds them for validateResource and validateStack, so the
// policies' validate functions run without an engine.

/**
 * @pulumi/policy's wrapper that throws on reading a value not known during a preview. Internal: its
 * declarations export nothing, so the module is typed here.
 */
const policyProxy = proxyModule as unknown as {
  unknownCheckingProxy<T extends object>(target: T): T;
  unknownStringValue: unknown;
};

/** Props as a policy sees them during a preview, where `unknownKeys` are not known yet. */
export function previewProps(props: Record<string, unknown>, unknownKeys: string[]): Record<string, unknown> {
  const raw = { ...props };
  for (const key of unknownKeys) raw[key] = policyProxy.unknownStringValue;
  return policyProxy.unknownCheckingProxy(raw);
}

/** The URN of a resource whose ancestors (outermost first) have the given types. */
function urnOf(type: string, name: string, parentTypes: readonly string[] = []): string {
  return `urn:pulumi:dev::consumer::${[...parentTypes, type].join("$")}::${name}`;
}

/** A resource as {@link resourceArgs} and {@link stackArgs} take it. */
export interface ResourceSpec {
  readonly type: string;
  readonly name: string;
  readonly props?: Record<string, unknown>;
  readonly parent?: ResourceSpec;
  readonly additionalSecretOutputs?: readonly string[];
  /** Resources each property was computed from. */
  readonly propertyDependencies?: Record<string, readonly ResourceSpec[]>;
}

function typeChain(spec: ResourceSpec): string[] {
  return spec.parent ? [...typeChain(spec.parent), spec.parent.type] : [];
}

export function specUrn(spec: ResourceSpec): string {
  return urnOf(spec.type, spec.name, typeChain(spec));
}

function optionsOf(spec: ResourceSpec): PolicyResourceOptions {
  return {
    protect: false,
    ignoreChanges: [],
    aliases: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [...(spec.additionalSecretOutputs ?? [])],
    ...(spec.parent ? { parent: specUrn(spec.parent) } : {}),
  };
}

function notApplicable(reason?: string): never {
  throw new Error(`not applicable: ${reason}`);
}

export function resourceArgs(spec: ResourceSpec, config: object = {}): ResourceValidationArgs {
  return {
    type: spec.type,
    name: spec.name,
    urn: specUrn(spec),
    props: spec.props ?? {},
    opts: optionsOf(spec),
    stackTags: new Map(),
    isType: () => false,
    asType: () => undefined,
    getConfig: <T extends object>() => config as T,
    notApplicable,
  };
}

export function stackArgs(specs: readonly ResourceSpec[], config: object = {}): StackValidationArgs {
  const resources = new Map<ResourceSpec, PolicyResource>();
  for (const spec of specs) {
    resources.set(spec, {
      type: spec.type,
      name: spec.name,
      urn: specUrn(spec),
      props: spec.props ?? {},
      opts: optionsOf(spec),
      dependencies: [],
      propertyDependencies: {},
      isType: () => false,
      asType: () => undefined,
    });
  }
  const resolve = (spec: ResourceSpec): PolicyResource => {
    const resource = resources.get(spec);
    if (!resource) throw new Error(`resource ${spec.name} is not part of the stack`);
    return resource;
  };
  for (const spec of specs) {
    const resource = resolve(spec);
    if (spec.parent) resource.parent = resolve(spec.parent);
    for (const [property, sources] of Object.entries(spec.propertyDependencies ?? {})) {
      resource.propertyDependencies[property] = sources.map(resolve);
      resource.dependencies.push(...sources.map(resolve));
    }
  }
  return {
    resources: [...resources.values()],
    stackTags: new Map(),
    getConfig: <T extends object>() => config as T,
    notApplicable,
  };
}

/** A `reportViolation` that records what it is given. */
export function violations(): { report: ReportViolation; messages: string[]; urns: (string | undefined)[] } {
  const messages: string[] = [];
  const urns: (string | undefined)[] = [];
  const report: ReportViolation = (message, urn) => {
    messages.push(message);
    urns.push(urn);
  };
  return { report, messages, urns };
}
