import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  activitySchema,
  assertPrincipal,
  checkField,
  companySchema,
  contactSchema,
  dealSchema,
  checkPipeline,
  leadSchema,
  money,
} from 'crm-kit';
import type { z } from 'zod';
import {
  arbActivity,
  arbCompany,
  arbContact,
  arbDeal,
  arbFieldDefinition,
  arbLead,
  arbMoney,
  arbPipeline,
  arbPrincipal,
} from '../../src/testing/index.js';

const passes =
  <T>(schema: z.ZodType<T>) =>
  (value: T): void => {
    const result = schema.safeParse(value);
    expect(result.error?.issues).toBeUndefined();
  };

describe('the arbitraries give valid values', () => {
  it('arbContact gives contacts that pass contactSchema', () => {
    fc.assert(fc.property(arbContact, passes(contactSchema)));
  });
  it('arbCompany gives companies that pass companySchema', () => {
    fc.assert(fc.property(arbCompany, passes(companySchema)));
  });
  it('arbDeal gives deals that pass dealSchema', () => {
    fc.assert(fc.property(arbDeal, passes(dealSchema)));
  });
  it('arbLead gives leads that pass leadSchema', () => {
    fc.assert(fc.property(arbLead, passes(leadSchema)));
  });
  it('arbActivity gives activities that pass activitySchema', () => {
    fc.assert(fc.property(arbActivity, passes(activitySchema)));
  });
  it('arbMoney gives canonical money in the currency asked for', () => {
    fc.assert(
      fc.property(arbMoney('JPY'), (value) => {
        expect(value.currency).toBe('JPY');
        expect(money(value.amount, value.currency)).toEqual(value);
      }),
    );
    fc.assert(
      fc.property(arbMoney(), (value) => {
        expect(money(value.amount, value.currency)).toEqual(value);
      }),
    );
  });
  it('arbPipeline gives pipelines that checkPipeline accepts, in their own order', () => {
    fc.assert(
      fc.property(arbPipeline, (pipeline) => {
        const result = checkPipeline(pipeline);
        expect(result.success ? [] : result.issues).toEqual([]);
        if (result.success) expect(result.data.stages.map((stage) => stage.id)).toEqual(pipeline.stages.map((stage) => stage.id));
      }),
    );
  });
  it('arbFieldDefinition gives definitions that checkField accepts', () => {
    fc.assert(
      fc.property(arbFieldDefinition, (definition) => {
        const result = checkField(definition);
        expect(result.success ? [] : result.issues).toEqual([]);
      }),
    );
  });
  it('arbFieldDefinition reaches every field type', () => {
    const types = new Set(fc.sample(arbFieldDefinition, { numRuns: 2000, seed: 1 }).map((definition) => definition.type));
    expect(types.size).toBe(14);
  });
  it('arbPrincipal gives principals that assertPrincipal accepts', () => {
    fc.assert(
      fc.property(arbPrincipal, (principal) => {
        expect(() => {
          assertPrincipal(principal);
        }).not.toThrow();
      }),
    );
  });
});
