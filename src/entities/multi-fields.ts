import * as z from 'zod';
import { emailText, lineText, phoneText, plainObject, urlText } from './_internal/values.js';

/**
 * The kinds a phone number can have.
 *
 * @example
 * ```ts
 * PHONE_KINDS; //=> ['work', 'mobile', 'home', 'fax', 'pager', 'other']
 * ```
 */
export const PHONE_KINDS = ['work', 'mobile', 'home', 'fax', 'pager', 'other'] as const;

/**
 * The kinds an e-mail address can have (`mailing` is for newsletters).
 *
 * @example
 * ```ts
 * EMAIL_KINDS; //=> ['work', 'home', 'mailing', 'other']
 * ```
 */
export const EMAIL_KINDS = ['work', 'home', 'mailing', 'other'] as const;

/**
 * The kinds a website can have: a company or personal site, or a social network profile.
 *
 * @example
 * ```ts
 * WEBSITE_KINDS.includes('linkedin'); //=> true
 * ```
 */
export const WEBSITE_KINDS = ['work', 'home', 'facebook', 'instagram', 'linkedin', 'twitter', 'vk', 'other'] as const;

/**
 * The messengers a contact can be reached on.
 *
 * @example
 * ```ts
 * MESSENGER_KINDS.includes('telegram'); //=> true
 * ```
 */
export const MESSENGER_KINDS = [
  'telegram',
  'whatsapp',
  'viber',
  'signal',
  'skype',
  'facebook',
  'instagram',
  'vk',
  'wechat',
  'line',
  'other',
] as const;

/**
 * One of {@link PHONE_KINDS}.
 */
export type PhoneKind = (typeof PHONE_KINDS)[number];

/**
 * One of {@link EMAIL_KINDS}.
 */
export type EmailKind = (typeof EMAIL_KINDS)[number];

/**
 * One of {@link WEBSITE_KINDS}.
 */
export type WebsiteKind = (typeof WEBSITE_KINDS)[number];

/**
 * One of {@link MESSENGER_KINDS}.
 */
export type MessengerKind = (typeof MESSENGER_KINDS)[number];

/**
 * One value of a multi-field: the value as typed and its kind. In a list, the first value is
 * the primary one.
 */
export interface MultiFieldValue<K extends string = string> {
  readonly value: string;
  readonly kind: K;
}

/**
 * A phone number: digits with the usual separators, an optional leading `+` and extension.
 */
export type PhoneValue = MultiFieldValue<PhoneKind>;

/**
 * An e-mail address.
 */
export type EmailValue = MultiFieldValue<EmailKind>;

/**
 * A website: an `http` or `https` address.
 */
export type WebsiteValue = MultiFieldValue<WebsiteKind>;

/**
 * A messenger handle, number or id, up to 255 characters.
 */
export type MessengerValue = MultiFieldValue<MessengerKind>;

/**
 * The multi-fields of leads, contacts and companies: lists of `{ value, kind }`, the first value
 * the primary one. A list is left out (or, in a patch, `null`) when there is no value.
 */
export interface MultiFields {
  readonly phones?: readonly PhoneValue[] | undefined;
  readonly emails?: readonly EmailValue[] | undefined;
  readonly websites?: readonly WebsiteValue[] | undefined;
  readonly messengers?: readonly MessengerValue[] | undefined;
}

/**
 * The zod schema of one phone number (`{ value, kind }`, unknown keys refused).
 *
 * @example
 * ```ts
 * phoneValueSchema.safeParse({ value: '+34 600 123 456', kind: 'mobile' }).success; //=> true
 * phoneValueSchema.safeParse({ value: 'call me', kind: 'mobile' }).success; //=> false
 * phoneValueSchema.safeParse({ value: '600123456', kind: 'cell' }).success; //=> false
 * ```
 */
export const phoneValueSchema: z.ZodType<PhoneValue, PhoneValue> = /* @__PURE__ */ plainObject({ value: phoneText, kind: /* @__PURE__ */ z.enum(PHONE_KINDS) });

/**
 * The zod schema of one e-mail address.
 *
 * @example
 * ```ts
 * emailValueSchema.safeParse({ value: 'ana@example.com', kind: 'work' }).success; //=> true
 * emailValueSchema.safeParse({ value: 'ana@', kind: 'work' }).success; //=> false
 * ```
 */
export const emailValueSchema: z.ZodType<EmailValue, EmailValue> = /* @__PURE__ */ plainObject({ value: emailText, kind: /* @__PURE__ */ z.enum(EMAIL_KINDS) });

/**
 * The zod schema of one website (`http` or `https` only).
 *
 * @example
 * ```ts
 * websiteValueSchema.safeParse({ value: 'https://example.com', kind: 'work' }).success; //=> true
 * websiteValueSchema.safeParse({ value: 'javascript:alert(1)', kind: 'work' }).success; //=> false
 * ```
 */
export const websiteValueSchema: z.ZodType<WebsiteValue, WebsiteValue> = /* @__PURE__ */ plainObject({
  value: urlText,
  kind: /* @__PURE__ */ z.enum(WEBSITE_KINDS),
});

/**
 * The zod schema of one messenger handle.
 *
 * @example
 * ```ts
 * messengerValueSchema.safeParse({ value: '@ana_garcia', kind: 'telegram' }).success; //=> true
 * messengerValueSchema.safeParse({ value: ' ', kind: 'telegram' }).success; //=> false
 * ```
 */
export const messengerValueSchema: z.ZodType<MessengerValue, MessengerValue> = /* @__PURE__ */ plainObject({
  value: lineText,
  kind: /* @__PURE__ */ z.enum(MESSENGER_KINDS),
});

/** The multi-field lists, keyed as entities hold them. */
export const MULTI_FIELDS_SHAPE: {
  phones: z.ZodArray<z.ZodType<PhoneValue, PhoneValue>>;
  emails: z.ZodArray<z.ZodType<EmailValue, EmailValue>>;
  websites: z.ZodArray<z.ZodType<WebsiteValue, WebsiteValue>>;
  messengers: z.ZodArray<z.ZodType<MessengerValue, MessengerValue>>;
} = {
  phones: /* @__PURE__ */ z.array(phoneValueSchema),
  emails: /* @__PURE__ */ z.array(emailValueSchema),
  websites: /* @__PURE__ */ z.array(websiteValueSchema),
  messengers: /* @__PURE__ */ z.array(messengerValueSchema),
};

/**
 * The primary value of a multi-field: the first one.
 *
 * @param values - A multi-field list, or nothing.
 * @returns The first value's text, or `undefined` for an empty or missing list.
 *
 * @example
 * ```ts
 * getPrimaryValue([{ value: 'ana@example.com', kind: 'work' }, { value: 'ana@home.example', kind: 'home' }]); //=> 'ana@example.com'
 * getPrimaryValue(undefined); //=> undefined
 * ```
 */
export function getPrimaryValue(values: readonly MultiFieldValue[] | undefined): string | undefined {
  return values?.[0]?.value;
}
