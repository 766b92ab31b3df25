/**
 * A piece of template text that belongs to one side of a token: a bracket of a group (`group` is
 * its index in {@link TemplateGlue.groups}) or plain text (`group` is -1).
 */
export interface GluePiece {
  readonly text: string;
  readonly group: number;
}

/**
 * One literal of a format, cut in three: what closes the token before it, the separator, and
 * what opens the token after it.
 */
export interface Glue {
  /** From the start of the literal to its last closing bracket of a group; goes with the token before. */
  readonly closing: readonly GluePiece[];
  /** The rest: printed at most once between two printed tokens (or as text before the first and after the last). */
  readonly separator: string;
  /** From the first opening bracket of a group to the end of the literal; goes with the token after. */
  readonly opening: readonly GluePiece[];
}

/**
 * A pair of brackets around tokens `first` to `last` (indexes in the format's tokens), inside the
 * group `parent` (an index in {@link TemplateGlue.groups}), or -1 at the top level.
 */
export interface BracketGroup {
  readonly first: number;
  readonly last: number;
  readonly parent: number;
}

/** The literals of a format cut into glue, and the bracket groups they form. */
export interface TemplateGlue {
  /** One per literal: `glue[i]` precedes token `i`, and the last one follows the last token. */
  readonly glue: readonly Glue[];
  readonly groups: readonly BracketGroup[];
}

// Opening bracket → closing bracket. The straight double quote is both; the apostrophe is not a
// quote here, as names and templates use it as an apostrophe.
const PAIRS: ReadonlyMap<string, string> = new Map([
  ['(', ')'],
  ['[', ']'],
  ['{', '}'],
  ['«', '»'],
  ['‹', '›'],
  ['“', '”'],
  ['‘', '’'],
  ['"', '"'],
]);

interface Position {
  readonly literal: number;
  readonly index: number;
}

/** Finds the bracket pairs of the literals, nested as written; unpaired brackets stay text. */
function pairBrackets(literals: readonly string[]): { opener: Position; closer: Position }[] {
  const pairs: { opener: Position; closer: Position }[] = [];
  const open: { readonly position: Position; readonly closer: string }[] = [];
  literals.forEach((literal, index) => {
    for (let at = 0; at < literal.length; at += 1) {
      const char = literal.charAt(at);
      const top = open.at(-1);
      if (top?.closer === char) {
        open.pop();
        pairs.push({ opener: top.position, closer: { literal: index, index: at } });
        continue;
      }
      const closer = PAIRS.get(char);
      // A closing bracket that closes nothing open stays text.
      if (closer !== undefined) open.push({ position: { literal: index, index: at }, closer });
    }
  });
  return pairs;
}

function before(a: Position, b: Position): boolean {
  return a.literal < b.literal || (a.literal === b.literal && a.index < b.index);
}

function piecesOf(text: string, groupAt: ReadonlyMap<number, number>, offset: number): GluePiece[] {
  const pieces: GluePiece[] = [];
  let plain = '';
  for (let at = 0; at < text.length; at += 1) {
    const group = groupAt.get(offset + at);
    if (group === undefined) {
      plain += text.charAt(at);
      continue;
    }
    if (plain !== '') pieces.push({ text: plain, group: -1 });
    plain = '';
    pieces.push({ text: text.charAt(at), group });
  }
  if (plain !== '') pieces.push({ text: plain, group: -1 });
  return pieces;
}

/**
 * Cuts the literals of a parsed format into glue. Brackets pair up as they nest; a pair that
 * encloses at least one token is a group, and its brackets are printed together or not at all.
 * A pair inside one literal (`'(Jr.)'`) and an unpaired bracket are plain text. In a literal,
 * every closing bracket of a group comes before every opening one, so the literal cuts into
 * closing part, separator and opening part.
 */
export function glueOf(literals: readonly string[]): TemplateGlue {
  // Sorted by opener, every group comes after the groups around it.
  const pairs = pairBrackets(literals)
    .filter(({ opener, closer }) => opener.literal !== closer.literal)
    .sort((a, b) => before(a.opener, b.opener) ? -1 : 1);
  // For each literal, the char index of each group bracket in it → its group.
  const closers = literals.map(() => new Map<number, number>());
  const openers = literals.map(() => new Map<number, number>());
  const groups = pairs.map(({ opener, closer }, group): BracketGroup => {
    openers[opener.literal]?.set(opener.index, group);
    closers[closer.literal]?.set(closer.index, group);
    // The innermost earlier group that is still open at the closer encloses this one.
    const parent = pairs.findLastIndex((around, index) => index < group && before(closer, around.closer));
    return { first: opener.literal, last: closer.literal - 1, parent };
  });
  const glue = literals.map((literal, index): Glue => {
    const closing = closers[index] ?? new Map<number, number>();
    const opening = openers[index] ?? new Map<number, number>();
    const closingEnd = closing.size > 0 ? Math.max(...closing.keys()) + 1 : 0;
    const openingStart = opening.size > 0 ? Math.min(...opening.keys()) : literal.length;
    return {
      closing: piecesOf(literal.slice(0, closingEnd), closing, 0),
      separator: literal.slice(closingEnd, openingStart),
      opening: piecesOf(literal.slice(openingStart), opening, openingStart),
    };
  });
  return { glue, groups };
}
