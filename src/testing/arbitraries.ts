import fc from 'fast-check';
import type { Principal } from '../access/index.js';
import type { Activity, Company, Contact, Deal, Lead } from '../entities/index.js';
import { ACTIVITY_DIRECTIONS, ACTIVITY_TYPES, EMAIL_KINDS, MESSENGER_KINDS, PHONE_KINDS, WEBSITE_KINDS } from '../entities/index.js';
import type { Address, CustomValues, FieldDefinition, LinkTarget } from '../fields/index.js';
import { LINK_TARGETS, RESERVED_FIELD_CODES } from '../fields/index.js';
import type { CalendarDate } from '../kernel/index.js';
import type { Money } from '../money/index.js';
import { money } from '../money/index.js';
import type { Pipeline, Stage, StagedEntityType } from '../pipelines/index.js';
import { FORECAST_CATEGORIES, STAGED_ENTITY_TYPES } from '../pipelines/index.js';

// Building blocks. Values stay within what the stored schemas accept; text mixes plain words
// with arbitrary non-blank strings so that adapters meet quotes, accents and emoji.

const notBlank = (text: string): boolean => text.trim() !== '';
const anyId: fc.Arbitrary<string> = fc.oneof(fc.uuid(), fc.integer({ min: 1, max: 999_999_999 }).map(String));
const userId: fc.Arbitrary<string> = fc.oneof(fc.constantFrom('u-ana', 'u-leo', 'u-max'), anyId);
const line: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('Ana', 'José María', 'Zoë', "O'Brien", '李小龍', 'Ünal', 'Acme "Quoted" Ltd.', 'Emoji 😀'),
  fc.string({ minLength: 1, maxLength: 60, unit: 'grapheme' }).filter(notBlank),
);
const longText: fc.Arbitrary<string> = fc.oneof(line, fc.string({ minLength: 1, maxLength: 400, unit: 'grapheme' }).filter(notBlank));
const upperCode: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('CLIENT', 'PARTNER', 'WEB', 'TRADE_SHOW', 'OTHER'),
  fc.stringMatching(/^[A-Z][A-Z0-9]{0,9}(?:_[A-Z0-9]{1,5}){0,2}$/),
);
const lowerCode: fc.Arbitrary<string> = fc.oneof(fc.constantFrom(...ACTIVITY_TYPES), fc.stringMatching(/^[a-z][a-z0-9]{0,9}(?:_[a-z0-9]{1,5}){0,2}$/));
const instant: fc.Arbitrary<Date> = fc.date({ min: new Date('2000-01-01T00:00:00.000Z'), max: new Date('2099-12-31T23:59:59.999Z'), noInvalidDate: true });
const calendarDate: fc.Arbitrary<CalendarDate> = fc
  .date({ min: new Date('1900-01-01T00:00:00.000Z'), max: new Date('2099-12-31T00:00:00.000Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10) as CalendarDate);
const idList: fc.Arbitrary<string[]> = fc.uniqueArray(anyId, { maxLength: 4 });
const word: fc.Arbitrary<string> = fc.stringMatching(/^[a-z][a-z0-9]{0,11}$/);
const phone: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('+34 ', '+1 ', '+49 ', ''), fc.integer({ min: 100, max: 999 }), fc.integer({ min: 100_000, max: 9_999_999 }))
  .map(([prefix, area, rest]) => `${prefix}${String(area)} ${String(rest)}`);
const email: fc.Arbitrary<string> = fc.tuple(word, fc.option(word, { nil: undefined }), word, fc.constantFrom('com', 'org', 'example', 'es')).map(
  ([local, more, domain, tld]) => `${local}${more === undefined ? '' : `.${more}`}@${domain}.${tld}`,
);
const url: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('https', 'http'), word, fc.constantFrom('com', 'org', 'example'), fc.array(word, { maxLength: 3 }))
  .map(([scheme, host, tld, path]) => `${scheme}://www.${host}.${tld}/${path.join('/')}`);

const multi = <K extends string>(value: fc.Arbitrary<string>, kinds: readonly K[]): fc.Arbitrary<{ value: string; kind: K }[]> =>
  fc.array(fc.record({ value, kind: fc.constantFrom(...kinds) }), { minLength: 1, maxLength: 3 });

const address: fc.Arbitrary<Address> = fc.record(
  { street: line, street2: line, city: line, region: line, postalCode: fc.stringMatching(/^[0-9]{5}$/), countryCode: fc.constantFrom('ES', 'US', 'DE', 'FR', 'JP') },
  { requiredKeys: [] },
);

const customCodes: fc.Arbitrary<string> = fc.stringMatching(/^[a-z][a-z0-9_]{0,20}$/).filter((code) => !RESERVED_FIELD_CODES.includes(code));

const customValues: fc.Arbitrary<CustomValues> = fc.dictionary(
  customCodes,
  fc.oneof(
    line,
    fc.integer({ min: -1_000_000, max: 1_000_000 }),
    fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    calendarDate,
    fc.array(word, { maxLength: 3 }),
    fc.constantFrom(money('1500', 'EUR'), money('0.5', 'USD')),
  ),
  { maxKeys: 4 },
);

const CURRENCIES = ['EUR', 'USD', 'GBP', 'JPY', 'CHF', 'BHD', 'MXN'] as const;

/**
 * Valid money: a canonical amount (see `money`) in `currency`, or in one of a few currencies
 * with 0, 2 and 3 decimals when omitted; negative, zero and amounts past 2^53 included.
 *
 * @param currency - The ISO 4217 code every value has; a mix when omitted.
 * @returns The arbitrary.
 * @throws {@link UnknownCurrencyError} `UNKNOWN_CURRENCY` for a code crm-kit does not know.
 *
 * @example
 * ```ts
 * // import fc from 'fast-check';
 * fc.assert(fc.property(arbMoney('EUR'), arbMoney('EUR'), (a, b) => compareMoney(addMoney(a, b), addMoney(b, a)) === 0));
 * ```
 */
export function arbMoney(currency?: string): fc.Arbitrary<Money> {
  if (currency !== undefined) money('0', currency); // fails now, not inside a property
  const code: fc.Arbitrary<string> = currency === undefined ? fc.constantFrom(...CURRENCIES) : fc.constant(currency);
  const digits = fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 6n }), fc.bigInt({ min: 0n, max: 10n ** 20n }));
  return fc.tuple(fc.boolean(), digits, fc.integer({ min: 0, max: 4 }), code).map(([negative, value, scale, unit]) => {
    const text = value.toString().padStart(scale + 1, '0');
    const body = scale === 0 ? text : `${text.slice(0, text.length - scale)}.${text.slice(text.length - scale)}`;
    return money(negative ? `-${body}` : body, unit);
  });
}

// What every stored record carries, with `updatedAt` never before `createdAt`.
const meta = fc
  .record({
    id: anyId,
    version: fc.integer({ min: 1, max: 1000 }),
    createdAt: instant,
    updatedAfter: fc.integer({ min: 0, max: 1_000_000_000 }),
    createdById: userId,
    updatedById: userId,
    assignedById: userId,
    custom: customValues,
  })
  .map(({ updatedAfter, ...rest }) => ({ ...rest, updatedAt: new Date(rest.createdAt.getTime() + updatedAfter) }));

const utm = { utmSource: line, utmMedium: line, utmCampaign: line, utmContent: line, utmTerm: line };

/**
 * Valid stored contacts: every one passes `contactSchema`, with any mix of optional fields.
 */
export const arbContact: fc.Arbitrary<Contact> = fc
  .tuple(
    meta,
    fc.record(
      {
        honorific: line,
        firstName: line,
        secondName: line,
        lastName: line,
        position: line,
        birthdate: calendarDate,
        type: upperCode,
        source: upperCode,
        sourceDescription: longText,
        companyIds: idList,
        phones: multi(phone, PHONE_KINDS),
        emails: multi(email, EMAIL_KINDS),
        websites: multi(url, WEBSITE_KINDS),
        messengers: multi(line, MESSENGER_KINDS),
        address,
        comments: longText,
        leadId: anyId,
        ...utm,
      },
      { requiredKeys: [] },
    ),
    fc.record({ opened: fc.boolean(), exportable: fc.boolean() }),
  )
  .map(([base, fields, flags]): Contact => ({ ...base, ...fields, ...flags }));

/**
 * Valid stored companies: every one passes `companySchema`.
 */
export const arbCompany: fc.Arbitrary<Company> = fc
  .tuple(
    meta,
    fc.record(
      {
        type: upperCode,
        industry: upperCode,
        employees: fc.integer({ min: 0, max: 1_000_000 }),
        revenue: arbMoney(),
        phones: multi(phone, PHONE_KINDS),
        emails: multi(email, EMAIL_KINDS),
        websites: multi(url, WEBSITE_KINDS),
        address,
        comments: longText,
        leadId: anyId,
        ...utm,
      },
      { requiredKeys: [] },
    ),
    fc.record({ title: line, opened: fc.boolean() }),
  )
  .map(([base, fields, required]): Company => ({ ...base, ...fields, ...required }));

/**
 * Valid stored deals: every one passes `dealSchema`; `amount` and `taxAmount` share a currency,
 * and a closed deal may carry `closedAt`.
 */
export const arbDeal: fc.Arbitrary<Deal> = fc
  .tuple(meta, fc.constantFrom(...CURRENCIES))
  .chain(([base, currency]) =>
    fc
      .tuple(
        fc.record(
          {
            probability: fc.integer({ min: 0, max: 100 }),
            amount: arbMoney(currency),
            taxAmount: arbMoney(currency),
            contactIds: idList,
            companyId: anyId,
            leadId: anyId,
            expectedCloseDate: calendarDate,
            lossReasonId: anyId,
            type: upperCode,
            source: upperCode,
            sourceDescription: longText,
            comments: longText,
            lastActivityAt: instant,
            ...utm,
          },
          { requiredKeys: [] },
        ),
        fc.record({
          title: line,
          pipelineId: fc.oneof(fc.constantFrom('sales', 'vip'), anyId),
          stageId: fc.oneof(fc.constantFrom('NEW', 'PROPOSAL', 'WON', 'LOST'), anyId),
          amountIsManual: fc.boolean(),
          probabilityIsManual: fc.boolean(),
          opened: fc.boolean(),
          isReturnCustomer: fc.boolean(),
          isRepeatedApproach: fc.boolean(),
          movedAt: instant,
          movedById: userId,
        }),
        fc.option(instant, { nil: undefined }),
      )
      .map(([fields, required, closedAt]): Deal => ({
        ...base,
        ...fields,
        ...required,
        closed: closedAt !== undefined,
        ...(closedAt === undefined ? {} : { closedAt }),
      })),
  );

/**
 * Valid stored leads: every one passes `leadSchema`.
 */
export const arbLead: fc.Arbitrary<Lead> = fc
  .tuple(
    meta,
    fc.record(
      {
        title: line,
        statusComment: longText,
        source: upperCode,
        sourceDescription: longText,
        honorific: line,
        firstName: line,
        secondName: line,
        lastName: line,
        birthdate: calendarDate,
        position: line,
        companyTitle: line,
        phones: multi(phone, PHONE_KINDS),
        emails: multi(email, EMAIL_KINDS),
        websites: multi(url, WEBSITE_KINDS),
        messengers: multi(line, MESSENGER_KINDS),
        address,
        amount: arbMoney(),
        comments: longText,
        contactId: anyId,
        companyId: anyId,
        dealId: anyId,
        convertedAt: instant,
        ...utm,
      },
      { requiredKeys: [] },
    ),
    fc.record({
      status: fc.oneof(fc.constantFrom('NEW', 'IN_PROCESS', 'PROCESSED', 'CONVERTED', 'JUNK'), anyId),
      opened: fc.boolean(),
      isReturnCustomer: fc.boolean(),
      movedAt: instant,
      movedById: userId,
    }),
  )
  .map(([base, fields, required]): Lead => ({ ...base, ...fields, ...required }));

const link = fc.record({ entityType: fc.constantFrom(...LINK_TARGETS), id: anyId });

/**
 * Valid stored activities: every one passes `activitySchema` (an end is never before its
 * start; bindings name each record once).
 */
export const arbActivity: fc.Arbitrary<Activity> = fc
  .tuple(
    meta,
    fc.record(
      {
        description: longText,
        direction: fc.constantFrom(...ACTIVITY_DIRECTIONS),
        deadlineAt: instant,
        location: line,
        bindings: fc.uniqueArray(link, { maxLength: 4, selector: (value) => `${value.entityType}:${value.id}` }),
        communications: fc.array(
          fc.oneof(
            fc.record({ channel: fc.constant('phone' as const), value: phone, entity: link }, { requiredKeys: ['channel', 'value'] }),
            fc.record({ channel: fc.constant('email' as const), value: email, entity: link }, { requiredKeys: ['channel', 'value'] }),
            fc.record({ channel: fc.constant('messenger' as const), value: line }),
          ),
          { maxLength: 3 },
        ),
        completedAt: instant,
      },
      { requiredKeys: [] },
    ),
    fc.record({ type: lowerCode, subject: line, completed: fc.boolean() }),
    fc.option(fc.tuple(instant, fc.option(fc.integer({ min: 0, max: 86_400_000 }), { nil: undefined })), { nil: undefined }),
  )
  .map(([base, fields, required, span]): Activity => {
    const [startAt, length] = span ?? [];
    return {
      ...base,
      ...fields,
      ...required,
      ...(startAt === undefined ? {} : { startAt }),
      ...(startAt === undefined || length === undefined ? {} : { endAt: new Date(startAt.getTime() + length) }),
    };
  });

const color = fc.stringMatching(/^#[0-9a-f]{6}$/);

function stage(id: string, sort: number, semantic: Stage['semantic'], lossReasons: boolean): fc.Arbitrary<Stage> {
  return fc
    .record(
      {
        name: line,
        color,
        probability: fc.integer({ min: 0, max: 100 }),
        forecastCategory: fc.constantFrom(...FORECAST_CATEGORIES),
        idleDays: fc.integer({ min: 1, max: 365 }),
        labels: fc.record({ en: line }),
        lossReasonRequired: lossReasons ? fc.boolean() : fc.constant(false),
      },
      { requiredKeys: ['name', 'color'] },
    )
    .map((settings): Stage => ({ id, sort, semantic, ...settings }));
}

/**
 * Valid pipelines: every one passes `checkPipeline`. One to five in-progress stages, one
 * success stage and up to three failure stages, for any staged entity type; only deal failure
 * stages may require a loss reason. Stages are listed in `sort` order.
 */
export const arbPipeline: fc.Arbitrary<Pipeline> = fc
  .record({
    id: anyId,
    entityType: fc.constantFrom<StagedEntityType>(...STAGED_ENTITY_TYPES),
    name: line,
    processCount: fc.integer({ min: 1, max: 5 }),
    failureCount: fc.integer({ min: 0, max: 3 }),
  })
  .chain(({ processCount, failureCount, ...pipeline }) => {
    const deal = pipeline.entityType === 'deal';
    const stages = [
      ...Array.from({ length: processCount }, (_, i) => stage(`STEP_${String(i + 1)}`, (i + 1) * 10, 'process', false)),
      stage('WON', 100, 'success', false),
      ...Array.from({ length: failureCount }, (_, i) => stage(`LOST_${String(i + 1)}`, 110 + i * 10, 'failure', deal)),
    ];
    return fc.tuple(...stages).map((list): Pipeline => ({ ...pipeline, stages: list }));
  });

const labels = fc.record({ en: line, es: line }, { requiredKeys: ['en'] });
const base = fc.record(
  { code: customCodes, labels, required: fc.boolean(), sort: fc.integer({ min: 0, max: 1000 }), hidden: fc.boolean() },
  { requiredKeys: ['code', 'labels'] },
);
const many = fc.record({ multiple: fc.boolean() }, { requiredKeys: [] });

/**
 * Valid custom field definitions of every type: every one passes `checkField`. Bounds
 * are ordered, defaults are valid values, enumeration options are unique.
 */
export const arbFieldDefinition: fc.Arbitrary<FieldDefinition> = fc.oneof(
  fc.tuple(base, many, fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 200 }), fc.boolean()).map(
    ([common, multiple, minLength, extra, multiline]): FieldDefinition => ({
      ...common,
      ...multiple,
      type: 'string',
      minLength,
      maxLength: Math.max(1, minLength + extra),
      multiline,
    }),
  ),
  fc.tuple(base, many, fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 0, max: 1000 }), fc.option(fc.nat(), { nil: undefined })).map(
    ([common, multiple, min, span, pick]): FieldDefinition => ({
      ...common,
      ...multiple,
      type: 'integer',
      min,
      max: min + span,
      ...(pick === undefined ? {} : { default: min + (pick % (span + 1)) }),
    }),
  ),
  fc.tuple(base, many, fc.integer({ min: 0, max: 6 })).map(([common, multiple, precision]): FieldDefinition => ({ ...common, ...multiple, type: 'number', precision })),
  fc.tuple(base, fc.option(fc.boolean(), { nil: undefined })).map(
    ([common, value]): FieldDefinition => ({ ...common, type: 'boolean', ...(value === undefined ? {} : { default: value }) }),
  ),
  fc.tuple(base, many).map(([common, multiple]): FieldDefinition => ({ ...common, ...multiple, type: 'date' })),
  fc.tuple(base, many).map(([common, multiple]): FieldDefinition => ({ ...common, ...multiple, type: 'datetime' })),
  fc
    .tuple(base, fc.uniqueArray(word, { minLength: 1, maxLength: 6 }), fc.option(fc.nat(), { nil: undefined }))
    .chain(([common, ids, pick]) =>
      fc.tuple(...ids.map((id) => labels.map((optionLabels) => ({ id, labels: optionLabels })))).map(
        (options): FieldDefinition => ({
          ...common,
          type: 'enumeration',
          options,
          ...(pick === undefined ? {} : { default: ids[pick % ids.length] ?? ids[0] ?? '' }),
        }),
      ),
    ),
  fc.tuple(base, many).map(([common, multiple]): FieldDefinition => ({ ...common, ...multiple, type: 'money' })),
  fc.tuple(base, many).map(([common, multiple]): FieldDefinition => ({ ...common, ...multiple, type: 'url' })),
  fc.tuple(base, many).map(([common, multiple]): FieldDefinition => ({ ...common, ...multiple, type: 'email' })),
  fc.tuple(base, many).map(([common, multiple]): FieldDefinition => ({ ...common, ...multiple, type: 'phone' })),
  fc.tuple(base, many).map(([common, multiple]): FieldDefinition => ({ ...common, ...multiple, type: 'address' })),
  fc.tuple(base, many).map(([common, multiple]): FieldDefinition => ({ ...common, ...multiple, type: 'user' })),
  fc
    .tuple(base, many, fc.subarray<LinkTarget>([...LINK_TARGETS], { minLength: 1 }))
    .map(([common, multiple, targets]): FieldDefinition => ({ ...common, ...multiple, type: 'link', targets })),
);

/**
 * Valid principals: every one passes `assertPrincipal`. Ids come from small pools
 * (`u-ana`, `sales`, `madrid`, ...) mixed with random ones, so that random principals meet
 * random records and policies often; now and then an administrator.
 */
export const arbPrincipal: fc.Arbitrary<Principal> = fc.record({
  userId,
  roleIds: fc.uniqueArray(fc.oneof(fc.constantFrom('sales', 'support', 'managers'), anyId), { maxLength: 3 }),
  departmentIds: fc.uniqueArray(fc.oneof(fc.constantFrom('madrid', 'sevilla', 'hq'), anyId), { maxLength: 3 }),
  isAdmin: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
});
