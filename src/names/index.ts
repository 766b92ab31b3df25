export { formatPersonName } from './format-person-name.js';
export { assertNameFormat, NAME_FORMATS, NAME_TOKENS } from './formats.js';
export type { NameFormat, NameToken, PersonName } from './formats.js';
export { splitFullName } from './split-full-name.js';
