export { CALLBACK_EVENT_TYPES, CALLBACK_STATES, CALLBACK_TRANSITIONS, createCallbackRequest, getCallbackTalkSeconds, isCallbackFinal, planCallbackEvent } from './callback.js';
export type {
  CallbackBinding,
  CallbackEvent,
  CallbackEventType,
  CallbackHistoryEntry,
  CallbackOutcome,
  CallbackPlan,
  CallbackRequest,
  CallbackRequestInput,
  CallbackSide,
  CallbackState,
  CallbackTransitionTable,
} from './callback.js';
export { planSubmission, readSubmission } from './plan-submission.js';
export type { PageUtm, PlannedCreate, SubmissionContext, SubmissionPlan, SubmissionValues } from './plan-submission.js';
export { defineWebForm, SCHEME_ENTITIES, WEB_FORM_SCHEMES } from './web-form.js';
export type { IntakeEntityType, WebForm, WebFormField, WebFormFieldInput, WebFormFieldKind, WebFormInput, WebFormResponsible, WebFormScheme } from './web-form.js';
export { isWebFormIntake, webFormIntake } from './web-form-intake.js';
export type { IncomingSubmission, SubmissionMeta, WebFormIntake, WebFormIntakeSettings } from './web-form-intake.js';
