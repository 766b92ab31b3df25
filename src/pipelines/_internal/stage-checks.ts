import type { Issue, PathSegment } from '../../kernel/index.js';
import { issue, ValidationError } from '../../kernel/index.js';

/** A plain object (not an array, not null). */
export type Bag = Readonly<Record<string, unknown>>;

export const isBag = (value: unknown): value is Bag => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The longest id a stored record can hold (the entities' id schema). */
const MAX_ID_LENGTH = 128;

/** A non-blank string that fits in an id column. */
export const isId = (value: unknown): value is string =>
  typeof value === 'string' && value.trim() !== '' && value.length <= MAX_ID_LENGTH;

/** An own property of a bag; inherited keys such as `constructor` read as absent. */
export function own(bag: object, key: string): unknown {
  return Object.hasOwn(bag, key) ? (bag as Bag)[key] : undefined;
}

const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

/** Collects issues with a path prefix. */
export type Report = (code: Issue['code'], message: string, ...path: PathSegment[]) => void;

export function reporter(issues: Issue[]): Report {
  return (code, message, ...path) => {
    issues.push(issue(code, message, path));
  };
}

/** Checks labels per language: an object with at least one language tag and non-empty texts. */
export function checkLabels(labels: unknown, report: Report, ...path: PathSegment[]): void {
  if (!isBag(labels) || Object.keys(labels).length === 0) {
    report('INVALID_VALUE', 'Labels are an object with at least one language, such as { en: "Won" }.', ...path);
    return;
  }
  for (const [language, label] of Object.entries(labels)) {
    if (!LANGUAGE_TAG.test(language)) report('INVALID_VALUE', 'Labels are keyed by language tags such as en or pt-BR.', ...path, language);
    else if (typeof label !== 'string' || label.trim() === '' || label.length > 255) {
      report('INVALID_VALUE', 'A label is non-empty text of at most 255 characters.', ...path, language);
    }
  }
}

/** Reports every key of `bag` that is not in `allowed`. */
export function checkKeys(bag: Bag, allowed: ReadonlySet<string>, report: Report, ...path: PathSegment[]): void {
  for (const key of Object.keys(bag)) {
    if (!allowed.has(key)) report('UNKNOWN_FIELD', 'There is no setting of this name.', ...path, key);
  }
}

/** A frozen copy of plain data (objects, arrays, primitives). */
export function frozenCopy<T>(value: T): T {
  if (Array.isArray(value)) return Object.freeze(value.map((item: unknown) => frozenCopy(item))) as T;
  if (isBag(value)) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      // Stryker disable next-line BooleanLiteral: the copy is frozen just after, which makes every property read-only and fixed anyway
      Object.defineProperty(copy, key, { value: frozenCopy(item), enumerable: true, writable: true, configurable: true });
    }
    return Object.freeze(copy) as T;
  }
  return value;
}

/** The error for a pipeline that breaks the rules of `definePipeline`. */
export function invalidPipeline(issues: readonly Issue[]): ValidationError {
  const where = [...new Set(issues.map((i) => `${i.path.join('.') || 'pipeline'} (${i.code})`))];
  return new ValidationError('INVALID_ARGUMENT', `Invalid pipeline: ${where.join(', ')}.`, { issues });
}
