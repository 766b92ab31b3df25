export { arbActivity, arbCompany, arbContact, arbDeal, arbFieldDefinition, arbLead, arbMoney, arbPipeline, arbPrincipal } from './arbitraries.js';
export type { ConformanceCase, ConformanceOutcome } from './conformance-case.js';
export { modelBasedConformance } from './model-based-conformance.js';
export type { ModelBasedConformanceOptions } from './model-based-conformance.js';
export { repositoryConformance } from './repository-conformance.js';
export type { RepositoryConformanceOptions } from './repository-conformance.js';
export { runConformance } from './run-conformance.js';
export type { RunConformanceOptions, TestRegistrar } from './run-conformance.js';
