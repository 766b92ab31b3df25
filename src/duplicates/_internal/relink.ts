// Links that point at merged records, found from the field registry (standard `link`, `links` and
// `bindings` fields and custom `link` fields, by their targets), and moved to the survivor.
import type { EntityType, FieldRegistry } from '../../fields/index.js';
import { ENTITY_TYPES, STANDARD_FIELDS } from '../../fields/index.js';
import type { LinkShape } from './merge-fields.js';

type Bag = Readonly<Record<string, unknown>>;

/** A field of an entity type that can point at records of the merged type. */
export interface LinkSlot {
  readonly entityType: EntityType;
  /** A standard code, or `custom.<code>`. */
  readonly field: string;
  readonly shape: LinkShape;
}

/**
 * Every field of every entity type that can point at a record of `target`: the standard ones from
 * the standard field tables, the custom ones from the registries given.
 */
export function linkSlotsTo(target: EntityType, registries: Partial<Record<EntityType, FieldRegistry>>): readonly LinkSlot[] {
  const slots: LinkSlot[] = [];
  for (const entityType of ENTITY_TYPES) {
    for (const field of STANDARD_FIELDS[entityType]) {
      if (!(field.targets ?? []).includes(target)) continue;
      const shape: LinkShape | undefined = field.type === 'link' ? 'link' : field.type === 'links' ? 'links' : field.type === 'bindings' ? 'records' : field.type === 'multifield' ? 'items' : undefined;
      if (shape !== undefined) slots.push({ entityType, field: field.code, shape });
    }
    for (const definition of registries[entityType]?.customFields ?? []) {
      if (definition.type !== 'link' || !(definition.targets as readonly string[]).includes(target)) continue;
      slots.push({ entityType, field: `custom.${definition.code}`, shape: definition.multiple === true ? 'records' : 'record' });
    }
  }
  return slots;
}

/** What {@link relinked} answers for a value of the wrong shape. */
export const WRONG_SHAPE: unique symbol = Symbol('wrong shape');

function isRecordLink(value: unknown): value is Bag {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as Bag).entityType === 'string' && typeof (value as Bag).id === 'string';
}

/**
 * A link value with every link to one of `from` (records of `target`) pointing at `to` instead,
 * without repeats in lists (the first place a record holds is kept); `undefined` when nothing
 * points at `from`, {@link WRONG_SHAPE} for a value that is not a link of `shape`.
 */
export function relinked(value: unknown, shape: LinkShape, target: string, from: ReadonlySet<string>, to: string): unknown {
  if (value === undefined || value === null) return undefined;
  switch (shape) {
    case 'link':
      if (typeof value !== 'string') return WRONG_SHAPE;
      return from.has(value) ? to : undefined;
    case 'record':
      if (!isRecordLink(value)) return WRONG_SHAPE;
      return value.entityType === target && from.has(value.id as string) ? { ...value, id: to } : undefined;
    case 'links': {
      if (!Array.isArray(value) || !value.every((id) => typeof id === 'string')) return WRONG_SHAPE;
      const ids = value as readonly string[];
      if (!ids.some((id) => from.has(id))) return undefined;
      return [...new Set(ids.map((id) => (from.has(id) ? to : id)))];
    }
    case 'records': {
      if (!Array.isArray(value) || !value.every(isRecordLink)) return WRONG_SHAPE;
      const links = value as readonly Bag[];
      const points = (link: Bag): boolean => link.entityType === target && from.has(link.id as string);
      if (!links.some(points)) return undefined;
      const seen = new Set<string>();
      const out: Bag[] = [];
      for (const link of links) {
        const moved = points(link) ? { ...link, id: to } : link;
        const key = `${String(moved.entityType)}\u0000${String(moved.id)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(moved);
      }
      return out;
    }
    case 'items': {
      // Items that may name their record in `entity` (an activity's communications): each keeps its place.
      if (!Array.isArray(value) || !value.every((item) => typeof item === 'object' && item !== null && !Array.isArray(item))) return WRONG_SHAPE;
      const items = value as readonly Bag[];
      if (!items.every((item) => item.entity === undefined || item.entity === null || isRecordLink(item.entity))) return WRONG_SHAPE;
      const points = (item: Bag): boolean => isRecordLink(item.entity) && item.entity.entityType === target && from.has(item.entity.id as string);
      if (!items.some(points)) return undefined;
      return items.map((item) => (points(item) ? { ...item, entity: { ...(item.entity as Bag), id: to } } : item));
    }
    default: {
      const exhaustive: never = shape;
      return exhaustive;
    }
  }
}
