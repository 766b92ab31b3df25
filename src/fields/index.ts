export { compileCustomFields, RECORD_FORMS } from './compile-custom-fields.js';
export type { CustomFieldsOptions, RecordForm } from './compile-custom-fields.js';
export { addressSchema, compileFieldValue, MAX_PATTERN_TEXT_LENGTH, MAX_PATTERN_WORK, MAX_TEXT_LENGTH, moneySchema } from './compile-field.js';
export { checkField, defineField, FIELD_CODE_PATTERN, RESERVED_FIELD_CODES } from './define-field.js';
export { CUSTOM_FIELD_TYPES, LINK_TARGETS } from './definition.js';
export type {
  AddressFieldDefinition,
  BooleanFieldDefinition,
  CustomFieldType,
  DateFieldDefinition,
  DateTimeFieldDefinition,
  EmailFieldDefinition,
  EnumerationFieldDefinition,
  EnumerationOption,
  FieldDefinition,
  FieldDefinitionBase,
  FieldVisibility,
  FileFieldDefinition,
  IntegerFieldDefinition,
  Labels,
  LinkFieldDefinition,
  LinkTarget,
  MoneyFieldDefinition,
  NumberFieldDefinition,
  PhoneFieldDefinition,
  RequiredFromStage,
  StringFieldDefinition,
  UrlFieldDefinition,
  UserFieldDefinition,
} from './definition.js';
export { ENTITY_TYPES, isEntityType } from './entity-types.js';
export type { EntityType } from './entity-types.js';
export {
  addCustomField,
  createFieldRegistry,
  getCustomField,
  hideField,
  removeField,
  showField,
  toFieldRegistry,
  updateCustomField,
} from './registry.js';
export type { FieldRegistryOptions } from './registry.js';
export type { FieldRegistry } from './registry-types.js';
export { STANDARD_FIELD_TYPES } from './standard-field.js';
export type { StandardField, StandardFieldDeclaration, StandardFieldType } from './standard-field.js';
export {
  ACTIVITY_FIELD_TABLE,
  COMPANY_FIELD_TABLE,
  CONTACT_FIELD_TABLE,
  DEAL_FIELD_TABLE,
  declaredFields,
  INVOICE_FIELD_TABLE,
  LEAD_FIELD_TABLE,
  QUOTE_FIELD_TABLE,
  SHARED_FIELD_TABLE,
} from './standard-field-tables.js';
export type { DeclaredField, StandardFieldTable } from './standard-field-tables.js';
export { STANDARD_FIELDS, listStandardFields } from './standard-fields.js';
export { applyFieldDefaults, validateCustomFields } from './validate-custom-fields.js';
export type { CustomValues } from './validate-custom-fields.js';
export type { Address, FileReference, LinkValue } from './values.js';
export { fromZodIssues } from './zod-issues.js';
