export { normaliseCompanyTitle } from './normalise-company-title.js';
export { normaliseEmail } from './normalise-email.js';
export type { NormaliseEmailOptions } from './normalise-email.js';
export { normalisePersonName } from './normalise-person-name.js';
export { normalisePhone } from './normalise-phone.js';
export type { NormalisePhoneOptions } from './normalise-phone.js';
