// Minimal valid records of every entity type, in each form.
import type { EntityType } from 'crm-kit';

export const AT = new Date('2026-03-02T10:00:00Z');

const META = {
  id: '42',
  version: 1,
  createdAt: AT,
  updatedAt: AT,
  createdById: 'u-1',
  updatedById: 'u-1',
  assignedById: 'u-1',
  custom: {},
};
const MOVED = { movedAt: AT, movedById: 'u-1' };

/** The smallest valid stored record of each entity type. */
export const STORED: Readonly<Record<EntityType, Readonly<Record<string, unknown>>>> = {
  lead: { ...META, status: 'NEW', opened: false, isReturnCustomer: false, ...MOVED },
  contact: { ...META, opened: false, exportable: true },
  company: { ...META, title: 'Acme', opened: false },
  deal: {
    ...META,
    title: '20 laptops',
    pipelineId: 'sales',
    stageId: 'NEW',
    amountIsManual: false,
    probabilityIsManual: false,
    opened: false,
    closed: false,
    isReturnCustomer: false,
    isRepeatedApproach: false,
    ...MOVED,
  },
  activity: { ...META, type: 'call', subject: 'Follow-up call', completed: false },
  invoice: { ...META, stageId: 'DRAFT', amountIsManual: false, opened: false, closed: false, ...MOVED },
  quote: { ...META, stageId: 'DRAFT', amountIsManual: false, opened: false, closed: false, ...MOVED },
};

/** The smallest valid input of each entity type. */
export const INPUT: Readonly<Record<EntityType, Readonly<Record<string, unknown>>>> = {
  lead: {},
  contact: {},
  company: { title: 'Acme' },
  deal: { title: '20 laptops' },
  activity: { type: 'call', subject: 'Follow-up call' },
  invoice: {},
  quote: {},
};

/** The fields required on input. */
export const REQUIRED_ON_INPUT: Readonly<Record<EntityType, readonly string[]>> = {
  lead: [],
  contact: [],
  company: ['title'],
  deal: ['title'],
  activity: ['type', 'subject'],
  invoice: [],
  quote: [],
};
