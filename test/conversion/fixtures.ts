import { createFieldRegistry, DEFAULT_DEAL_PIPELINE, defineRecordRules } from 'crm-kit';
import type { FieldDefinition, Issue, LeadConversionPlan, LeadConversionRules, Pipeline, Result } from 'crm-kit';

/** The custom fields of each entity type a conversion touches, and the deal pipelines. */
export interface RulesSpec {
  readonly lead?: readonly FieldDefinition[] | undefined;
  readonly contact?: readonly FieldDefinition[] | undefined;
  readonly company?: readonly FieldDefinition[] | undefined;
  readonly deal?: readonly FieldDefinition[] | undefined;
  readonly dealPipelines?: readonly Pipeline[] | undefined;
  readonly leadStatuses?: Pipeline | undefined;
}

/** Conversion rules with the given custom fields (standard fields only elsewhere) and the default pipelines. */
export function rulesWith(spec: RulesSpec = {}): LeadConversionRules {
  return {
    lead: defineRecordRules('lead', {
      registry: createFieldRegistry('lead', { customFields: spec.lead ?? [] }),
      ...(spec.leadStatuses === undefined ? {} : { pipelines: [spec.leadStatuses] }),
    }),
    contact: defineRecordRules('contact', { registry: createFieldRegistry('contact', { customFields: spec.contact ?? [] }) }),
    company: defineRecordRules('company', { registry: createFieldRegistry('company', { customFields: spec.company ?? [] }) }),
    deal: defineRecordRules('deal', {
      registry: createFieldRegistry('deal', { customFields: spec.deal ?? [] }),
      pipelines: spec.dealPipelines ?? [DEFAULT_DEAL_PIPELINE],
    }),
  };
}

/** A custom field definition, labelled by its code. */
export const field = (definition: Partial<FieldDefinition> & Pick<FieldDefinition, 'type' | 'code'>): FieldDefinition =>
  ({ labels: { en: definition.code }, ...definition }) as FieldDefinition;

export function planOf(result: Result<LeadConversionPlan>): LeadConversionPlan {
  if (!result.success) throw new Error(`expected a plan, got ${JSON.stringify(result.issues)}`);
  return result.data;
}

export function issuesOf(result: Result<unknown>): readonly Issue[] {
  if (result.success) throw new Error('expected issues, got a plan');
  return result.issues;
}

/** Issues as `[code, ...path]`, the shape the tests compare. */
export function codesOf(result: Result<unknown>): unknown[][] {
  return issuesOf(result).map((found) => [found.code, ...found.path]);
}

/** The plain data of a custom-values bag (it may have no prototype). */
export function plain(value: unknown): unknown {
  return value === undefined ? undefined : { ...(value as object) };
}
