import { unwrap } from '../kernel/index.js';
import { checkLossReasons, checkPipeline } from './define-pipeline.js';
import type { LossReason, Pipeline } from './pipeline.js';

/**
 * A ready deal pipeline for hosts that want one: New, Preparation, Proposal and Negotiation in
 * progress, then Won, then Lost. Probabilities rise from 10 to 100 (0 when lost), forecast
 * categories go from `pipeline` to `closed`, in-progress stages go idle after 7 or 14 days, a
 * proposal needs an amount, and a loss reason is optional. Its id is `default`.
 *
 * @example
 * ```ts
 * DEFAULT_DEAL_PIPELINE.stages.map((s) => s.id); //=> ['NEW', 'PREPARATION', 'PROPOSAL', 'NEGOTIATION', 'WON', 'LOST']
 * DEFAULT_DEAL_PIPELINE.stages.map((s) => s.probability); //=> [10, 20, 50, 70, 100, 0]
 * ```
 */
export const DEFAULT_DEAL_PIPELINE: Pipeline = /* @__PURE__ */ unwrap(
  /* @__PURE__ */ checkPipeline({
    id: 'default',
    entityType: 'deal',
    name: 'Sales',
    sort: 10,
    stages: [
      { id: 'NEW', name: 'New', labels: { en: 'New', es: 'Nueva' }, sort: 10, color: '#39a8ef', semantic: 'process', probability: 10, forecastCategory: 'pipeline', idleDays: 7 },
      { id: 'PREPARATION', name: 'Preparation', labels: { en: 'Preparation', es: 'Preparación' }, sort: 20, color: '#2fc6f6', semantic: 'process', probability: 20, forecastCategory: 'pipeline', idleDays: 14 },
      { id: 'PROPOSAL', name: 'Proposal', labels: { en: 'Proposal', es: 'Propuesta' }, sort: 30, color: '#55d0e0', semantic: 'process', probability: 50, forecastCategory: 'best-case', idleDays: 14, requiredFields: ['amount'] },
      { id: 'NEGOTIATION', name: 'Negotiation', labels: { en: 'Negotiation', es: 'Negociación' }, sort: 40, color: '#47e4c2', semantic: 'process', probability: 70, forecastCategory: 'commit', idleDays: 14, requiredFields: ['amount'] },
      { id: 'WON', name: 'Won', labels: { en: 'Won', es: 'Ganada' }, sort: 50, color: '#7bd500', semantic: 'success', probability: 100, forecastCategory: 'closed' },
      { id: 'LOST', name: 'Lost', labels: { en: 'Lost', es: 'Perdida' }, sort: 60, color: '#ff5752', semantic: 'failure', probability: 0, forecastCategory: 'omitted', lossReasonRequired: false },
    ],
  }),
);

/**
 * The lead status list of DOMAIN.md: `NEW`, `IN_PROCESS` and `PROCESSED` in progress,
 * `CONVERTED` the success status, `JUNK` the failure one. Its id is `lead`.
 *
 * @example
 * ```ts
 * DEFAULT_LEAD_STATUSES.stages.map((s) => `${s.id}:${s.semantic}`);
 * //=> ['NEW:process', 'IN_PROCESS:process', 'PROCESSED:process', 'CONVERTED:success', 'JUNK:failure']
 * ```
 */
export const DEFAULT_LEAD_STATUSES: Pipeline = /* @__PURE__ */ unwrap(
  /* @__PURE__ */ checkPipeline({
    id: 'lead',
    entityType: 'lead',
    name: 'Lead statuses',
    stages: [
      { id: 'NEW', name: 'New', labels: { en: 'New', es: 'Nuevo' }, sort: 10, color: '#39a8ef', semantic: 'process', idleDays: 3 },
      { id: 'IN_PROCESS', name: 'In process', labels: { en: 'In process', es: 'En proceso' }, sort: 20, color: '#2fc6f6', semantic: 'process', idleDays: 7 },
      { id: 'PROCESSED', name: 'Processed', labels: { en: 'Processed', es: 'Procesado' }, sort: 30, color: '#55d0e0', semantic: 'process', idleDays: 7 },
      { id: 'CONVERTED', name: 'Converted', labels: { en: 'Converted', es: 'Convertido' }, sort: 40, color: '#7bd500', semantic: 'success' },
      { id: 'JUNK', name: 'Junk', labels: { en: 'Junk', es: 'Basura' }, sort: 50, color: '#ff5752', semantic: 'failure' },
    ],
  }),
);

/**
 * The invoice stage list: `DRAFT` and `SENT` in progress, `PAID` the success stage, `CANCELLED`
 * the failure one. Its id is `invoice`.
 *
 * @example
 * ```ts
 * DEFAULT_INVOICE_STAGES.stages.map((s) => s.id); //=> ['DRAFT', 'SENT', 'PAID', 'CANCELLED']
 * ```
 */
export const DEFAULT_INVOICE_STAGES: Pipeline = /* @__PURE__ */ unwrap(
  /* @__PURE__ */ checkPipeline({
    id: 'invoice',
    entityType: 'invoice',
    name: 'Invoice stages',
    stages: [
      { id: 'DRAFT', name: 'Draft', labels: { en: 'Draft', es: 'Borrador' }, sort: 10, color: '#9b9b9b', semantic: 'process' },
      { id: 'SENT', name: 'Sent', labels: { en: 'Sent', es: 'Enviada' }, sort: 20, color: '#39a8ef', semantic: 'process', idleDays: 30 },
      { id: 'PAID', name: 'Paid', labels: { en: 'Paid', es: 'Pagada' }, sort: 30, color: '#7bd500', semantic: 'success' },
      { id: 'CANCELLED', name: 'Cancelled', labels: { en: 'Cancelled', es: 'Anulada' }, sort: 40, color: '#ff5752', semantic: 'failure' },
    ],
  }),
);

/**
 * The quote stage list: `DRAFT` and `SENT` in progress, `ACCEPTED` the success stage, `DECLINED`
 * the failure one. Its id is `quote`.
 *
 * @example
 * ```ts
 * DEFAULT_QUOTE_STAGES.stages.map((s) => s.id); //=> ['DRAFT', 'SENT', 'ACCEPTED', 'DECLINED']
 * ```
 */
export const DEFAULT_QUOTE_STAGES: Pipeline = /* @__PURE__ */ unwrap(
  /* @__PURE__ */ checkPipeline({
    id: 'quote',
    entityType: 'quote',
    name: 'Quote stages',
    stages: [
      { id: 'DRAFT', name: 'Draft', labels: { en: 'Draft', es: 'Borrador' }, sort: 10, color: '#9b9b9b', semantic: 'process' },
      { id: 'SENT', name: 'Sent', labels: { en: 'Sent', es: 'Enviado' }, sort: 20, color: '#39a8ef', semantic: 'process', idleDays: 14 },
      { id: 'ACCEPTED', name: 'Accepted', labels: { en: 'Accepted', es: 'Aceptado' }, sort: 30, color: '#7bd500', semantic: 'success' },
      { id: 'DECLINED', name: 'Declined', labels: { en: 'Declined', es: 'Rechazado' }, sort: 40, color: '#ff5752', semantic: 'failure' },
    ],
  }),
);

/**
 * A catalog of loss reasons shared by all pipelines, for hosts that want one.
 *
 * @example
 * ```ts
 * DEFAULT_LOSS_REASONS.map((r) => r.id);
 * //=> ['PRICE', 'COMPETITOR', 'NO_BUDGET', 'NO_DECISION', 'TIMING', 'PRODUCT_FIT', 'NO_RESPONSE', 'OTHER']
 * DEFAULT_LOSS_REASONS[0]?.labels.es; //=> 'Precio demasiado alto'
 * ```
 */
export const DEFAULT_LOSS_REASONS: readonly LossReason[] = /* @__PURE__ */ unwrap(
  /* @__PURE__ */ checkLossReasons([
    { id: 'PRICE', labels: { en: 'Price too high', es: 'Precio demasiado alto' }, sort: 10 },
    { id: 'COMPETITOR', labels: { en: 'Went with a competitor', es: 'Eligió a la competencia' }, sort: 20 },
    { id: 'NO_BUDGET', labels: { en: 'No budget', es: 'Sin presupuesto' }, sort: 30 },
    { id: 'NO_DECISION', labels: { en: 'No decision made', es: 'Sin decisión' }, sort: 40 },
    { id: 'TIMING', labels: { en: 'Bad timing', es: 'Mal momento' }, sort: 50 },
    { id: 'PRODUCT_FIT', labels: { en: 'Product does not fit', es: 'El producto no encaja' }, sort: 60 },
    { id: 'NO_RESPONSE', labels: { en: 'Stopped responding', es: 'Dejó de responder' }, sort: 70 },
    { id: 'OTHER', labels: { en: 'Other', es: 'Otro' }, sort: 100 },
  ]),
);
