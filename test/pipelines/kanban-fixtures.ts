// Pipelines and cards for the kanban tests.
import fc from 'fast-check';
import { createRateTable, money } from 'crm-kit';
import type { Deal, Money, Pipeline, Stage, StageSemantic } from 'crm-kit';

export const AT = new Date('2026-03-02T10:00:00Z');

export function stage(id: string, semantic: StageSemantic, sort: number): Stage {
  return { id, name: id, sort, color: '#9b9b9b', semantic };
}

export const SALES: Pipeline = {
  id: 'sales',
  entityType: 'deal',
  name: 'Sales',
  stages: [
    stage('NEW', 'process', 10),
    stage('PROPOSAL', 'process', 20),
    stage('NEGOTIATION', 'process', 30),
    stage('WON', 'success', 90),
    stage('LOST_PRICE', 'failure', 100),
    stage('LOST_SILENT', 'failure', 110),
  ],
};

/** A pipeline with one lost stage. */
export const SIMPLE: Pipeline = {
  id: 'simple',
  entityType: 'deal',
  name: 'Simple',
  stages: [stage('NEW', 'process', 10), stage('WON', 'success', 90), stage('LOST', 'failure', 100)],
};

export const LEAD_STATUSES: Pipeline = {
  id: 'lead-statuses',
  entityType: 'lead',
  name: 'Leads',
  stages: [stage('NEW', 'process', 10), stage('IN_PROCESS', 'process', 20), stage('CONVERTED', 'success', 90), stage('JUNK', 'failure', 100)],
};

export const RATES = createRateTable({
  base: 'EUR',
  rates: [
    { currency: 'USD', amount: '0.90', from: '2026-01-01' },
    { currency: 'USD', amount: '0.95', from: '2026-03-01' },
    { currency: 'JPY', amount: '0.60', nominal: 100, from: '2026-01-01' },
  ],
});

/** A stored deal in a stage. */
export function deal(id: string, stageId: string, extra: Partial<Deal> = {}): Deal {
  const closed = !['NEW', 'PROPOSAL', 'NEGOTIATION'].includes(stageId);
  return {
    id,
    version: 1,
    createdAt: AT,
    updatedAt: AT,
    createdById: 'u-1',
    updatedById: 'u-1',
    assignedById: 'u-1',
    custom: {},
    title: `Deal ${id}`,
    pipelineId: 'sales',
    stageId,
    amountIsManual: false,
    probabilityIsManual: false,
    opened: false,
    closed,
    ...(closed ? { closedAt: AT } : {}),
    isReturnCustomer: false,
    isRepeatedApproach: false,
    movedAt: AT,
    movedById: 'u-1',
    ...extra,
  };
}

export interface Card {
  readonly id: string;
  readonly pipelineId?: string | undefined;
  readonly stageId?: string | undefined;
  readonly amount?: Money | undefined;
  readonly movedAt?: Date | undefined;
}

/** A random pipeline that satisfies the invariants: process stages, one success stage, failure stages. */
export const pipelineArb: fc.Arbitrary<Pipeline> = fc
  .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 3 }))
  .map(([process, failure]) => ({
    id: 'p',
    entityType: 'deal' as const,
    name: 'P',
    stages: [
      ...Array.from({ length: process }, (_, i) => stage(`S${i}`, 'process', i * 10)),
      stage('WON', 'success', 100),
      ...Array.from({ length: failure }, (_, i) => stage(`L${i}`, 'failure', 110 + i * 10)),
    ],
  }));

const CURRENCIES = ['EUR', 'USD', 'JPY'] as const;

const amountArb: fc.Arbitrary<Money | undefined> = fc.option(
  fc.tuple(fc.constantFrom(...CURRENCIES), fc.integer({ min: -1_000_000, max: 100_000_000 })).map(([currency, cents]) => {
    return money(currency === 'JPY' ? String(cents) : (cents / 100).toFixed(2), currency);
  }),
  { nil: undefined },
);

/** Random cards for a pipeline: mostly in its stages, some in unknown stages or other pipelines. */
export function cardsFor(pipeline: Pipeline): fc.Arbitrary<Card[]> {
  const stageIds = pipeline.stages.map((s) => s.id);
  const card = fc.record({
    stageId: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...stageIds) }, { weight: 1, arbitrary: fc.constantFrom('GONE', 'OLD') }),
    pipelineId: fc.oneof({ weight: 6, arbitrary: fc.constant(pipeline.id) }, { weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constant('other') }),
    amount: amountArb,
    movedAt: fc.option(fc.integer({ min: 0, max: 5 }).map((day) => new Date(Date.UTC(2026, 0, 1 + day))), { nil: undefined }),
  });
  return fc.array(card, { maxLength: 30 }).map((cards) => {
    return cards.map((c, index) => ({ id: String(index + 1), ...c }));
  });
}
