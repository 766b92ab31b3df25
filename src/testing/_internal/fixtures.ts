import type { Activity, Company, Contact, Deal, Lead } from '../../entities/index.js';
import { money } from '../../money/index.js';

// Records the cases write, all valid stored records (the suite tests check them against the
// entity schemas). Times are fixed so that runs are reproducible.

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

/** A fixed instant `minutes` after 2026-01-05T09:00Z. */
export function at(minutes: number): Date {
  return new Date(T0 + minutes * 60_000);
}

type Fields<T> = { readonly [K in keyof T]?: T[K] };

const META = {
  version: 1,
  createdById: 'u-ana',
  updatedById: 'u-ana',
  assignedById: 'u-ana',
} as const;

/** A contact with the given fields over minimal defaults. */
export function contact(id: string, fields: Fields<Contact> = {}): Contact {
  return { id, ...META, createdAt: at(0), updatedAt: at(0), custom: {}, opened: false, exportable: true, ...fields };
}

/** A deal with the given fields over minimal defaults. */
export function deal(id: string, fields: Fields<Deal> = {}): Deal {
  return {
    id,
    ...META,
    createdAt: at(0),
    updatedAt: at(0),
    custom: {},
    title: `Deal ${id}`,
    pipelineId: 'sales',
    stageId: 'NEW',
    amountIsManual: false,
    probabilityIsManual: false,
    opened: false,
    closed: false,
    isReturnCustomer: false,
    isRepeatedApproach: false,
    movedAt: at(0),
    movedById: 'u-ana',
    ...fields,
  };
}

/** One record of each kind the suite round-trips, using every kind of value a record holds. */
export const RICH_RECORDS: {
  readonly contact: Contact;
  readonly company: Company;
  readonly deal: Deal;
  readonly lead: Lead;
  readonly activity: Activity;
} = {
  contact: contact('rich-contact', {
    version: 3,
    createdAt: at(1),
    updatedAt: at(90),
    updatedById: 'u-leo',
    assignedById: 'u-leo',
    honorific: 'Sra.',
    firstName: 'Ana',
    secondName: 'María',
    lastName: 'García López',
    position: 'CFO',
    birthdate: '1990-02-28',
    type: 'CLIENT',
    source: 'WEB',
    companyIds: ['co-1', 'co-2'],
    phones: [
      { value: '+34 600 123 456', kind: 'mobile' },
      { value: '+34 91 123 45 67', kind: 'work' },
    ],
    emails: [{ value: 'ana@example.com', kind: 'work' }],
    websites: [{ value: 'https://www.example.com/ana', kind: 'linkedin' }],
    messengers: [{ value: '@ana_garcia', kind: 'telegram' }],
    address: { street: 'Calle Mayor 1', city: 'Madrid', postalCode: '28013', countryCode: 'ES' },
    comments: 'Línea uno\nLínea dos — «comillas» 😀',
    utmSource: 'newsletter',
    opened: true,
    exportable: false,
    custom: {
      tier: 'gold',
      seats: 12,
      ratio: 0.125,
      active: true,
      tags: ['vip', 'north'],
      renewal: '2026-06-30',
      budget: { amount: '1500.00', currency: 'EUR' },
      owner: { entityType: 'company', id: 'co-1' },
      nothing: null,
    },
  }),
  company: {
    id: 'rich-company',
    version: 2,
    createdAt: at(2),
    updatedAt: at(3),
    createdById: 'u-ana',
    updatedById: 'u-ana',
    assignedById: 'u-max',
    title: 'Acme Ibérica, S.L.',
    type: 'CUSTOMER',
    industry: 'IT',
    employees: 0,
    revenue: money('1000000', 'EUR'),
    phones: [{ value: '+34 91 000 00 00', kind: 'work' }],
    address: { city: 'Sevilla', countryCode: 'ES' },
    opened: false,
    custom: { region: 'south' },
  },
  deal: deal('rich-deal', {
    title: 'Licences 2026',
    pipelineId: 'vip',
    stageId: 'WON',
    probability: 100,
    probabilityIsManual: true,
    amount: money('12500.5', 'EUR'),
    taxAmount: money('2169.50', 'EUR'),
    amountIsManual: true,
    contactIds: ['rich-contact'],
    companyId: 'rich-company',
    expectedCloseDate: '2026-03-31',
    productRows: [{ name: 'Licence', price: money('100', 'EUR'), quantity: '2.5', discount: { rate: '10' }, taxRate: '21', unit: 'pcs' }],
    closed: true,
    closedAt: at(500),
    isReturnCustomer: true,
    movedAt: at(500),
    movedById: 'u-leo',
    lastActivityAt: at(400),
    custom: { priority: 2 },
  }),
  lead: {
    id: 'rich-lead',
    version: 1,
    createdAt: at(4),
    updatedAt: at(4),
    createdById: 'u-ana',
    updatedById: 'u-ana',
    assignedById: 'u-ana',
    title: 'Web form',
    firstName: 'Leo',
    lastName: 'Martín',
    companyTitle: 'Martín e Hijos',
    emails: [{ value: 'leo@example.org', kind: 'home' }],
    amount: money('0.5', 'USD'),
    status: 'IN_PROCESS',
    opened: false,
    isReturnCustomer: false,
    movedAt: at(4),
    movedById: 'u-ana',
    convertedAt: at(600),
    custom: {},
  },
  activity: {
    id: 'rich-activity',
    version: 1,
    createdAt: at(5),
    updatedAt: at(6),
    createdById: 'u-ana',
    updatedById: 'u-ana',
    assignedById: 'u-ana',
    type: 'call',
    subject: 'Follow-up call',
    direction: 'outgoing',
    startAt: at(60),
    endAt: at(75),
    bindings: [
      { entityType: 'deal', id: 'rich-deal' },
      { entityType: 'contact', id: 'rich-contact' },
    ],
    communications: [{ channel: 'phone', value: '+34 600 123 456', entity: { entityType: 'contact', id: 'rich-contact' } }],
    completed: true,
    completedAt: at(75),
    custom: {},
  },
};

/**
 * The contacts the operator cases filter. Every field an order or `ne`/`notIn` clause reads is
 * set on all of them (how absent values compare is left to the normalising layer).
 */
export const OPERATOR_CONTACTS: readonly Contact[] = [
  contact('c01', {
    firstName: 'Ana',
    lastName: 'García',
    position: 'CFO',
    type: 'CLIENT',
    birthdate: '1990-02-15',
    createdAt: at(1),
    phones: [
      { value: '+34 600 111 111', kind: 'mobile' },
      { value: '+34 91 222 22 22', kind: 'work' },
    ],
    emails: [{ value: 'ana@example.com', kind: 'work' }],
    companyIds: ['co1', 'co2'],
    comments: 'Prefers e-mail',
    custom: { tier: 'gold', seats: 10, tags: ['vip', 'north'] },
  }),
  contact('c02', {
    firstName: 'Bea',
    lastName: 'Gómez',
    position: 'CEO',
    type: 'PARTNER',
    birthdate: '1985-11-30',
    createdAt: at(2),
    phones: [{ value: '+34 600 333 333', kind: 'mobile' }],
    emails: [
      { value: 'bea@example.org', kind: 'work' },
      { value: 'bea.home@example.net', kind: 'home' },
    ],
    companyIds: ['co2'],
    custom: { tier: 'silver', seats: 25, tags: ['north'], note: '   ' },
  }),
  contact('c03', {
    firstName: 'Carlos',
    lastName: 'Ruiz',
    position: 'Buyer',
    type: 'CLIENT',
    birthdate: '2000-01-01',
    createdAt: at(3),
    phones: [],
    emails: [{ value: 'carlos@shop.example', kind: 'work' }],
    companyIds: [],
    assignedById: 'u-leo',
    opened: true,
    custom: { tier: 'bronze', seats: 3, tags: [], note: 'Call after 5' },
  }),
  contact('c04', {
    firstName: 'ana',
    lastName: 'Anaya',
    position: 'Analyst',
    type: 'SUPPLIER',
    birthdate: '1999-12-31',
    createdAt: at(4),
    phones: [{ value: '+1 415 555 0100', kind: 'work' }],
    assignedById: 'u-leo',
    custom: { seats: 0 },
  }),
  contact('c05', {
    firstName: 'Zoe',
    lastName: 'Ng',
    type: 'OTHER',
    birthdate: '2026-01-01',
    createdAt: at(5),
    assignedById: 'u-max',
    opened: true,
    custom: { seats: 7 },
  }),
];

/** Deals whose amounts order differently as numbers and as text. */
export const OPERATOR_DEALS: readonly Deal[] = [
  deal('d01', { amount: money('99.5', 'EUR'), probability: 10, createdAt: at(1) }),
  deal('d02', { amount: money('100', 'EUR'), probability: 50, createdAt: at(2) }),
  deal('d03', { amount: money('250', 'EUR'), probability: 90, createdAt: at(3) }),
  deal('d04', { amount: money('1000', 'EUR'), probability: 100, createdAt: at(4) }),
];

/**
 * Deals for the aggregate cases: every kind of key a grouping meets (awkward texts, integers,
 * booleans, days, custom texts, numbers, -0, booleans, lists and objects, absent values), amounts
 * in currencies of 0, 2 and 3 decimals with finer decimals, long and negative amounts, custom money
 * and dates, and instants to the millisecond.
 */
export const AGGREGATE_DEALS: readonly Deal[] = [
  deal('a01', { stageId: 'NEW', assignedById: 'u-ana', probability: 10, opened: true, expectedCloseDate: '2026-03-31', amount: money('99.5', 'EUR'), closedAt: at(10), custom: { tier: 'gold', seats: 3, margin: money('10.125', 'USD'), signed_at: new Date(Date.UTC(2025, 11, 31, 23, 59, 59, 999)) } }),
  deal('a02', { stageId: 'NEW', assignedById: 'u-leo', probability: 10, amount: money('0.01', 'EUR'), createdAt: at(-5), custom: { tier: 'gold', seats: -0, margin: money('-3', 'USD') } }),
  deal('a03', { stageId: 'PROPOSAL', assignedById: 'u-ana', probability: 50, opened: true, expectedCloseDate: '2026-03-31', amount: money('1500', 'JPY'), custom: { tier: 'Gold', seats: 0 } }),
  deal('a04', { stageId: 'PROPOSAL', assignedById: 'u-ana', amount: money('12345678901234567890123456789012345678901234567890.5', 'EUR'), closedAt: at(3), custom: { tier: ['gold'], seats: 2.5, margin: money('0.001', 'BHD') } }),
  deal('a05', { stageId: "o'brien \"stage\" 100%_\\", assignedById: 'u-max', probability: 0, expectedCloseDate: '2027-01-01', amount: money('-20.75', 'EUR'), custom: { tier: true, seats: 1e21 } }),
  deal('a06', { stageId: 'Ñandú 🦜', assignedById: 'u-max', amount: money('7.125', 'BHD'), closedAt: at(600), custom: { tier: false, margin: money('1', 'JPY') } }),
  deal('a07', { stageId: 'NEW', assignedById: 'u-leo', probability: 100, amount: money('0.005', 'EUR'), custom: { seats: 3, signed_at: new Date(Date.UTC(2026, 5, 1)) } }),
  deal('a08', { stageId: 'WON', assignedById: 'u-ana', probability: 100, closed: true, closedAt: at(7), custom: { tier: 'gold', seats: 5e-7 } }),
  deal('a09', { stageId: 'WON', assignedById: 'u-leo', expectedCloseDate: '0050-01-01', amount: money('1', 'USD'), custom: { tier: { nested: 'gold' } } }),
];
