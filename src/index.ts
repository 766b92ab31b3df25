/**
 * crm-kit: the business rules of a CRM as small pure functions over plain data.
 *
 * @packageDocumentation
 */
export * from './kernel/index.js';
export * from './money/index.js';
export * from './names/index.js';
export * from './fields/index.js';
export * from './access/index.js';
export * from './entities/index.js';
export * from './pipelines/index.js';
export * from './store/index.js';
export * from './crm/index.js';
