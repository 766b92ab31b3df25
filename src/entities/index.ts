export {
  ACTIVITY_DIRECTIONS,
  ACTIVITY_TYPES,
  activityInputSchema,
  activityPatchSchema,
  activitySchema,
  COMMUNICATION_CHANNELS,
} from './activity.js';
export type {
  Activity,
  ActivityCommunication,
  ActivityDirection,
  ActivityFields,
  ActivityInput,
  ActivityPatch,
  CommunicationChannel,
} from './activity.js';
export { COMPANY_TYPES, CONTACT_TYPES, DEAL_TYPES, INDUSTRIES, SOURCES } from './codes.js';
export { companyInputSchema, companyPatchSchema, companySchema } from './company.js';
export type { Company, CompanyFields, CompanyInput, CompanyPatch } from './company.js';
export { computeProductRow, computeProductRowsTotal } from './compute-product-rows.js';
export type { ProductRowTotals } from './compute-product-rows.js';
export { contactInputSchema, contactPatchSchema, contactSchema } from './contact.js';
export type { Contact, ContactFields, ContactInput, ContactPatch } from './contact.js';
export { computeDealAmount } from './deal-amount.js';
export type { AmountSource, DealAmount } from './deal-amount.js';
export { dealInputSchema, dealPatchSchema, dealSchema } from './deal.js';
export type { Deal, DealFields, DealInput, DealPatch } from './deal.js';
export { entitySchema } from './entity-schema.js';
export type { EntityRecord, EntityRecordTypes, EntitySchemaOptions } from './entity-schema.js';
export { invoiceInputSchema, invoicePatchSchema, invoiceSchema } from './invoice.js';
export type { Invoice, InvoiceFields, InvoiceInput, InvoicePatch } from './invoice.js';
export type { DocumentFields, DocumentInputFields, StoredDocument } from './commercial-document.js';
export { leadInputSchema, leadPatchSchema, leadSchema } from './lead.js';
export type { Lead, LeadFields, LeadInput, LeadPatch } from './lead.js';
export {
  EMAIL_KINDS,
  emailValueSchema,
  MESSENGER_KINDS,
  messengerValueSchema,
  PHONE_KINDS,
  phoneValueSchema,
  getPrimaryValue,
  WEBSITE_KINDS,
  websiteValueSchema,
} from './multi-fields.js';
export type {
  EmailKind,
  EmailValue,
  MessengerKind,
  MessengerValue,
  MultiFields,
  MultiFieldValue,
  PhoneKind,
  PhoneValue,
  WebsiteKind,
  WebsiteValue,
} from './multi-fields.js';
export { productRowSchema } from './product-row.js';
export type { ProductRow, ProductRowDiscount } from './product-row.js';
export { quoteInputSchema, quotePatchSchema, quoteSchema } from './quote.js';
export type { Quote, QuoteFields, QuoteInput, QuotePatch } from './quote.js';
export type { Clearable, ExternalIdField, RecordInput, StoredRecord, UtmFields } from './record.js';
export { validateEntity } from './validate-entity.js';
