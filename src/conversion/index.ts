export { carryCustomValues } from './carry-custom-values.js';
export type { CarriedCustomValues, NotCarriedReason, NotCarriedValue } from './carry-custom-values.js';
export { LEAD_CONVERSION_FIELD_MAP, LEAD_CONVERSION_SCHEMES, leadConversionTargets, planLeadConversion } from './plan-lead-conversion.js';
export type {
  LeadConversionFieldMap,
  LeadConversionIds,
  LeadConversionOptions,
  LeadConversionOverrides,
  LeadConversionPlan,
  LeadConversionRole,
  LeadConversionRules,
  LeadConversionScheme,
  LeadConvertedEvent,
  LeadFieldMapping,
  LeadMappedField,
  NotCarriedField,
} from './plan-lead-conversion.js';
