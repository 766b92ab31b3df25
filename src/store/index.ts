export type { EventLog, EventQuery, LoggedEvent, NewEvent } from './event-log.js';
export { FILTER_OPERATORS } from './query.js';
export type { FilterClause, FilterOperator, Page, Query, SortKey } from './query.js';
export type { Repository } from './repository.js';
export type { Store, StoreCapabilities, StoreScope } from './store.js';
export { guardStore } from './guard-store.js';
export { normalizeQuery, STAGE_GROUP_FIELD } from './normalize-query.js';
export type { NormalizeQueryOptions } from './normalize-query.js';
