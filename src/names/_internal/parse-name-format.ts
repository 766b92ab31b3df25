import { issue, ValidationError } from '../../kernel/index.js';
import type { Issue } from '../../kernel/index.js';

/** A field of a person name that a token reads. */
export type NameField = 'honorific' | 'firstName' | 'secondName' | 'lastName';

/** What one token of a format stands for. */
export interface TokenSpec {
  readonly field: NameField;
  /** `true` for the `_SHORT` tokens, which print initials. */
  readonly short: boolean;
}

/**
 * A validated format cut into its pieces: `literals[i]` is the text before `tokens[i]`, and the
 * last literal is the text after the last token, so there is always one literal more than tokens.
 */
export interface ParsedNameFormat {
  readonly literals: readonly string[];
  readonly tokens: readonly TokenSpec[];
}

// Kept beside the parser so that this folder needs nothing from its public files; the test suite
// checks that it names exactly the tokens of NAME_TOKENS.
const TOKEN_SPECS: ReadonlyMap<string, TokenSpec> = new Map<string, TokenSpec>([
  ['#TITLE#', { field: 'honorific', short: false }],
  ['#NAME#', { field: 'firstName', short: false }],
  ['#SECOND_NAME#', { field: 'secondName', short: false }],
  ['#LAST_NAME#', { field: 'lastName', short: false }],
  ['#NAME_SHORT#', { field: 'firstName', short: true }],
  ['#SECOND_NAME_SHORT#', { field: 'secondName', short: true }],
  ['#LAST_NAME_SHORT#', { field: 'lastName', short: true }],
]);

const KNOWN = [...TOKEN_SPECS.keys()].join(', ');

// Anything shaped like a token is read as one, so a typo such as `#LASTNAME#` is reported rather
// than printed.
const TOKEN = /#\w+#/g;

/**
 * Cuts a name format into literals and tokens, or throws when it is not a valid format.
 *
 * @param format - The candidate format.
 * @returns Its pieces.
 * @throws {@link ValidationError} `INVALID_NAME_FORMAT` when `format` is not a string, holds a
 * `#…#` token that is not a known one, or holds no token at all.
 */
export function parseNameFormat(format: unknown): ParsedNameFormat {
  if (typeof format !== 'string') {
    throw new ValidationError('INVALID_NAME_FORMAT', 'A name format must be a string.', {
      issues: [issue('INVALID_NAME_FORMAT', 'Expected a string.', ['format'])],
    });
  }
  const literals: string[] = [];
  const tokens: TokenSpec[] = [];
  const problems: Issue[] = [];
  let from = 0;
  for (const match of format.matchAll(TOKEN)) {
    const spec = TOKEN_SPECS.get(match[0]);
    if (spec === undefined) {
      problems.push(
        issue('INVALID_NAME_FORMAT', `Unknown token ${match[0]} at index ${match.index}; known tokens: ${KNOWN}.`, [
          'format',
        ]),
      );
      continue;
    }
    literals.push(format.slice(from, match.index));
    tokens.push(spec);
    from = match.index + match[0].length;
  }
  literals.push(format.slice(from));
  const [first] = problems;
  if (first !== undefined) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    throw new ValidationError('INVALID_NAME_FORMAT', `${first.message}${more}`, { issues: problems });
  }
  if (tokens.length === 0) {
    const message = `A name format needs at least one token of ${KNOWN}.`;
    throw new ValidationError('INVALID_NAME_FORMAT', message, { issues: [issue('INVALID_NAME_FORMAT', message, ['format'])] });
  }
  return { literals, tokens };
}
