// The one door to field patterns. JavaScript's own engine backtracks, so `(a+)+$` can take minutes
// on a short hostile value; field patterns therefore never run on it. They run on the linear-time
// matcher of ./pattern/, and a pattern is accepted exactly when that matcher can run it.
import type { PatternProgram } from './pattern/compile-pattern.js';
import { compilePattern } from './pattern/compile-pattern.js';
import { matchPattern } from './pattern/match-pattern.js';
import { parsePattern } from './pattern/parse-pattern.js';

export type { PatternProgram };

/** The longest pattern a field may carry. */
const MAX_PATTERN_LENGTH = 200;

/** A checked pattern, ready to test values, or the issue code and the reason it is refused. */
export type PatternCheck =
  | { readonly ok: true; readonly program: PatternProgram }
  | { readonly ok: false; readonly code: 'INVALID_FIELD_DEFINITION' | 'UNSAFE_PATTERN'; readonly reason: string };

/**
 * Checks a field pattern and compiles it for values of at most `maxTextLength` code points.
 * Refused: text that is no regular expression with the `u` flag (`INVALID_FIELD_DEFINITION`);
 * back-references, lookarounds, inline modifiers, a program over the size cap, or more than 200
 * characters (`UNSAFE_PATTERN`). The reason completes "The pattern …" and never quotes the pattern.
 */
export function checkPattern(pattern: string, maxTextLength: number): PatternCheck {
  if (pattern.length > MAX_PATTERN_LENGTH) return { ok: false, code: 'UNSAFE_PATTERN', reason: `is longer than ${MAX_PATTERN_LENGTH} characters` };
  try {
    // Compiling never runs the pattern; the native engine is the judge of what is valid syntax.
    new RegExp(pattern, 'u');
  } catch {
    return { ok: false, code: 'INVALID_FIELD_DEFINITION', reason: 'is not a valid regular expression' };
  }
  const parsed = parsePattern(pattern);
  if (!parsed.ok) return { ok: false, code: 'UNSAFE_PATTERN', reason: parsed.reason };
  const compiled = compilePattern(parsed.node, maxTextLength);
  if (!compiled.ok) return { ok: false, code: 'UNSAFE_PATTERN', reason: compiled.reason };
  return compiled;
}

/** Whether the whole value matches a checked pattern's program (values of at most its length). */
export function matchesPattern(program: PatternProgram, value: string): boolean {
  return matchPattern(program, value);
}
