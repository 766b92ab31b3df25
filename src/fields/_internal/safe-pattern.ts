// A conservative screen for user-supplied regular expressions. JavaScript's engine backtracks, so a
// pattern such as `(a+)+$` can take exponential time on a short hostile value. Rather than prove a
// pattern safe, we refuse the constructs that make backtracking blow up, and say which one.

/** The longest pattern a field may carry. */
const MAX_PATTERN_LENGTH = 200;

/** Why a pattern is refused, or undefined when it passes the screen. */
export function unsafePatternReason(pattern: string): string | undefined {
  if (pattern.length > MAX_PATTERN_LENGTH) return `is longer than ${MAX_PATTERN_LENGTH} characters`;
  try {
    new RegExp(pattern, 'u');
  } catch {
    return 'is not a valid regular expression';
  }
  return scan(pattern);
}

interface Group {
  /** The group holds a quantifier, directly or in a nested group. */
  quantified: boolean;
  /** The group holds an alternation at its own level or below. */
  alternates: boolean;
}

function scan(pattern: string): string | undefined {
  const groups: Group[] = [{ quantified: false, alternates: false }];
  // Whether the previous element ended with an unbounded quantifier and nothing fixed followed it.
  let openEnded = false;
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    const top = groups[groups.length - 1] ?? { quantified: false, alternates: false };
    if (c === '|') {
      top.alternates = true;
      openEnded = false;
      i++;
      continue;
    }
    if (c === '^' || c === '$') {
      i++;
      continue;
    }
    if (c === '(') {
      const prefix = pattern.slice(i + 1, i + 4);
      if (/^\?(=|!|<=|<!)/.test(prefix)) return 'uses a lookaround';
      groups.push({ quantified: false, alternates: false });
      i = prefix.startsWith('?:') ? i + 3 : prefix.startsWith('?<') ? pattern.indexOf('>', i) + 1 : i + 1;
      continue;
    }
    let group: Group | undefined;
    let end: number;
    if (c === ')') {
      group = groups.pop();
      const parent = groups[groups.length - 1];
      if (group !== undefined && parent !== undefined) {
        parent.quantified ||= group.quantified;
        parent.alternates ||= group.alternates;
      }
      end = i;
    } else if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      if (/[1-9k]/.test(next)) return 'uses a back-reference';
      end = escapeEnd(pattern, i);
    } else if (c === '[') {
      end = i + 1;
      if (pattern[end] === '^') end++;
      if (pattern[end] === ']') end++;
      while (end < pattern.length && pattern[end] !== ']') end += pattern[end] === '\\' ? 2 : 1;
    } else end = i;

    const quantifier = readQuantifier(pattern, end + 1);
    if (quantifier === undefined) {
      // Only something that must match, once, separates two unbounded runs; an optional or
      // repeated item between them (`\d+\.?\d+`) still lets them trade characters.
      if (group === undefined) openEnded = false;
      i = end + 1;
      continue;
    }
    if (group?.quantified === true) return 'nests a quantifier inside a quantified group';
    if (group?.alternates === true) return 'repeats a group of alternatives';
    if (quantifier.unbounded && openEnded) return 'has two unbounded quantifiers in a row';
    const enclosing = groups[groups.length - 1];
    if (enclosing !== undefined) enclosing.quantified = true;
    openEnded ||= quantifier.unbounded;
    i = quantifier.end + 1;
  }
  return undefined;
}

/** The index of the last character of the escape that starts at `at`. */
function escapeEnd(pattern: string, at: number): number {
  const next = pattern[at + 1];
  if ((next === 'u' || next === 'p' || next === 'P') && pattern[at + 2] === '{') return pattern.indexOf('}', at);
  if (next === 'u') return at + 5;
  if (next === 'x') return at + 3;
  if (next === 'c') return at + 2;
  return at + 1;
}

function readQuantifier(pattern: string, at: number): { unbounded: boolean; end: number } | undefined {
  const c = pattern[at];
  let end = at;
  let unbounded: boolean;
  if (c === '*' || c === '+') unbounded = true;
  else if (c === '?') unbounded = false;
  else if (c === '{') {
    const match = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(at));
    if (match === null) return undefined;
    unbounded = match[2] !== undefined && (match[3] ?? '') === '';
    end = at + match[0].length - 1;
  } else return undefined;
  if (pattern[end + 1] === '?') end++; // lazy quantifiers backtrack all the same
  return { unbounded, end };
}
