export { createCrm } from './create-crm.js';
export type {
  CreateCrmOptions,
  Crm,
  CrmFieldRegistries,
  CrmPipelines,
  CrmQuery,
  CrmSession,
  CrmSettings,
  EntityService,
  MoveToStageOptions,
  StagedService,
  WriteOptions,
} from './types.js';
