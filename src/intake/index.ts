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
export { defineChatChannel, planChatContact } from './plan-chat-contact.js';
export type { ChatChannel, ChatContext, ChatLine } from './plan-chat-contact.js';
export { checkEmailMessage, emailReference, listEmailThreadReferences, planInboundEmail, planOutboundEmail } from './plan-email.js';
export type { EmailAddress, EmailContext, EmailMessage, EmailPlan, EmailThread, InboundEmailContext, OutboundEmailContext, PlannedEmailActivity } from './plan-email.js';
export { planCallbackSubmission, planSubmission, readSubmission } from './plan-submission.js';
export type { PageUtm, PlannedCreate, SubmissionContext, SubmissionPlan, SubmissionValues } from './plan-submission.js';
export { defineWebForm, SCHEME_ENTITIES, WEB_FORM_SCHEMES } from './web-form.js';
export type { IntakeEntityType, WebForm, WebFormField, WebFormFieldInput, WebFormFieldKind, WebFormInput, WebFormResponsible, WebFormScheme } from './web-form.js';
export { isIntakeControl, intakeControl } from './intake-control.js';
export type { ChatMeta, IncomingSubmission, IntakeControl, IntakeControlSettings, MailboxSettings, SubmissionMeta } from './intake-control.js';
export { comparableAddress, digestOf, splitDisplayName } from './_internal/text.js';
