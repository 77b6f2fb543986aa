import type {
  PolicyConfigSchema,
  ResourceValidation,
  ResourceValidationPolicy,
  StackValidation,
  StackValidationPolicy,
} from "@pulumi/policy";

/** A resource policy of this package: one validation function, callable directly (in tests, say). */
export interface HerokuSquadcastResourcePolicy extends ResourceValidationPolicy {
  /** Checks one resource and reports each violation. */
  readonly validateResource: ResourceValidation;
}

/** A stack policy of this package, with the configuration it reads. */
export interface HerokuSquadcastStackPolicy extends StackValidationPolicy {
  /** Checks the whole stack and reports each violation. */
  readonly validateStack: StackValidation;
  /** The policy's configuration properties, with their defaults. */
  readonly configSchema: PolicyConfigSchema;
}
