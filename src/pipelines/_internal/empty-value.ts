/**
 * Whether a field value counts as missing where a value is required (stage `requiredFields`,
 * `requiredFromStage` custom fields, targets' required fields on lead conversion): absent
 * (`undefined`), `null`, text that is blank after trimming, or an empty list. `0`, `false` and
 * other values are present.
 */
export function isEmptyValue(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}
