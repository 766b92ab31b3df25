import type { Principal } from '../access/index.js';
import { assertPrincipal } from '../access/index.js';
import { invalidArgument, isPlainRecord } from '../kernel/index.js';
import type { SubmissionContext } from './plan-submission.js';
import { planSubmission, readSubmission } from './plan-submission.js';
import type { WebForm, WebFormInput } from './web-form.js';
import { defineWebForm } from './web-form.js';

/**
 * What the host knows of a submission: an idempotency key (the same key twice writes once: a form
 * posted twice), the language of the messages, and the page it came from (address and UTM).
 */
export interface SubmissionMeta {
  readonly idempotencyKey?: string | undefined;
  readonly language?: string | undefined;
  readonly page?: SubmissionContext['page'];
}

/** A submission as the host's `accept` hook sees it, before anything is read or written. */
export interface IncomingSubmission {
  readonly formId: string;
  readonly payload: unknown;
  readonly meta: SubmissionMeta;
}

/** The settings of {@link webFormIntake}. */
export interface WebFormIntakeSettings {
  /** The forms, from {@link defineWebForm} (or as given to it). */
  readonly forms: readonly (WebForm | WebFormInput)[];
  /**
   * Who submissions are written as: a system user whose role may add the forms' records and
   * activities, and read contacts (so that a known sender is found).
   */
  readonly principal: Principal;
  /** Whether to take a submission: the host's spam and rate checks. A refused one writes nothing. */
  readonly accept?: ((submission: IncomingSubmission) => boolean | Promise<boolean>) | undefined;
}

/**
 * Web-form intake as a part `createCrm` is given (`intake`), as duplicate control is: the forms by
 * id, the principal they write as, the host's hook, and the planners the service runs. A CRM
 * without it carries none of this code.
 */
export interface WebFormIntake {
  readonly forms: ReadonlyMap<string, WebForm>;
  readonly principal: Principal;
  readonly accept?: ((submission: IncomingSubmission) => boolean | Promise<boolean>) | undefined;
  readonly readSubmission: typeof readSubmission;
  readonly planSubmission: typeof planSubmission;
}

const MADE = new WeakSet<object>();

/**
 * Makes the intake part of a CRM: `createCrm({ ..., intake: webFormIntake({ forms, principal }) })`
 * gives `crm.intake.submit(formId, payload, meta)`.
 *
 * @param settings - The forms, the principal submissions are written as, and the `accept` hook.
 * @returns The part, frozen.
 * @throws {@link ValidationError} `INVALID_ARGUMENT` for a form that is not valid (with its
 * issues), two forms with one id, or a principal or hook that is not one.
 *
 * @example
 * ```ts
 * const intake = webFormIntake({
 *   forms: [{ id: 'contact-us', name: 'Contact us', scheme: 'contact', languages: ['en'], responsible: { userId: 'u-ana' }, fields: [{ name: 'email', target: { entity: 'contact', field: 'emails' }, labels: { en: 'E-mail' }, required: true }] }],
 *   principal: { userId: 'u-forms', roleIds: ['intake'], departmentIds: [], isAdmin: false },
 *   accept: (submission) => submission.meta.idempotencyKey !== undefined,
 * });
 * [...intake.forms.keys()]; //=> ['contact-us']
 * webFormIntake({ forms: [], principal: { userId: '' } as never }); // throws INVALID_ARGUMENT
 * ```
 */
export function webFormIntake(settings: WebFormIntakeSettings): WebFormIntake {
  if (!isPlainRecord(settings) || !Array.isArray(settings.forms)) throw invalidArgument('webFormIntake takes { forms, principal, accept? }.');
  assertPrincipal(settings.principal);
  if (settings.accept !== undefined && typeof settings.accept !== 'function') throw invalidArgument('accept is a function of a submission.');
  const forms = new Map<string, WebForm>();
  for (const given of settings.forms as readonly unknown[]) {
    const form = defineWebForm(given as WebFormInput);
    if (forms.has(form.id)) throw invalidArgument('Two forms have one id.');
    forms.set(form.id, form);
  }
  const part: WebFormIntake = Object.freeze({ forms, principal: settings.principal, accept: settings.accept, readSubmission, planSubmission });
  MADE.add(part);
  return part;
}

/** Whether a value is a part {@link webFormIntake} made. */
export function isWebFormIntake(value: unknown): value is WebFormIntake {
  return typeof value === 'object' && value !== null && MADE.has(value);
}
