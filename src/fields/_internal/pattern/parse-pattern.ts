// Pattern text → syntax tree, for the regular-expression language of JavaScript with the `u` flag.
// The caller has already compiled the text with the native engine, so early errors (bad group
// names, ranges out of order, unknown properties) are not re-checked here; anything this parser
// does not recognise is refused with a reason rather than guessed at.

/** The largest code point. */
export const MAX_CODE_POINT = 0x10ffff;

/** Inclusive code point ranges. */
export type CodePointRanges = readonly (readonly [number, number])[];

/**
 * A set of code points as written in the pattern: a union of ranges and of class escapes that a
 * native one-code-point RegExp answers for (`\p{…}`, `\P{…}`, `\s`, `\S`), complemented when
 * `negated`.
 */
export interface SetSpec {
  readonly negated: boolean;
  readonly ranges: CodePointRanges;
  /** Class escapes exactly as written, such as `\p{Lu}`. */
  readonly escapes: readonly string[];
}

/** A zero-width assertion; `^` and `$` mean the whole value's ends (no `m` flag). */
export type Assertion = 'start' | 'end' | 'wordBoundary' | 'notWordBoundary';

/** A node of a parsed pattern. Groups leave no trace: only whether the whole value matches counts. */
export type PatternNode =
  | { readonly kind: 'empty' }
  | { readonly kind: 'fail' }
  | { readonly kind: 'set'; readonly set: SetSpec }
  | { readonly kind: 'assertion'; readonly assertion: Assertion }
  | { readonly kind: 'sequence'; readonly items: readonly PatternNode[] }
  | { readonly kind: 'choice'; readonly options: readonly PatternNode[] }
  /** `max` is `Infinity` for `*`, `+` and `{n,}`. */
  | { readonly kind: 'repeat'; readonly item: PatternNode; readonly min: number; readonly max: number };

/** The tree of a pattern, or why the linear matcher cannot run it. */
export type ParsedPattern = { readonly ok: true; readonly node: PatternNode } | { readonly ok: false; readonly reason: string };

const SYNTAX_CHARACTERS = '^$\\.*+?()[]{}|';
const DIGITS: CodePointRanges = [[0x30, 0x39]];
const WORD: CodePointRanges = [
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
];
const LINE_TERMINATORS: CodePointRanges = [
  [0x0a, 0x0a],
  [0x0d, 0x0d],
  [0x2028, 0x2029],
];
const CONTROL_ESCAPES: Readonly<Record<string, number>> = { f: 0x0c, n: 0x0a, r: 0x0d, t: 0x09, v: 0x0b };

/** Raised inside the parser to unwind to {@link parsePattern} with a reason. */
class Refusal extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

const UNSUPPORTED = 'uses syntax the linear matcher does not support';

/**
 * Parses a pattern that the native engine accepts with the `u` flag.
 *
 * Back-references and lookarounds are refused (they need backtracking), as are inline modifiers
 * such as `(?i:…)` and any syntax newer than this parser.
 */
export function parsePattern(source: string): ParsedPattern {
  const parser = new Parser(source);
  try {
    const node = parser.disjunction();
    if (!parser.atEnd()) throw new Refusal(UNSUPPORTED);
    return { ok: true, node };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, reason: error.reason };
    throw error;
  }
}

/** A one-code-point set of a literal. */
export function literalSet(codePoint: number): SetSpec {
  return { negated: false, ranges: [[codePoint, codePoint]], escapes: [] };
}

/** The complement of sorted or unsorted ranges, over all code points. */
export function complementRanges(ranges: CodePointRanges): CodePointRanges {
  const merged = mergeRanges(ranges);
  const gaps: [number, number][] = [];
  let next = 0;
  for (const [from, to] of merged) {
    if (from > next) gaps.push([next, from - 1]);
    next = to + 1;
  }
  if (next <= MAX_CODE_POINT) gaps.push([next, MAX_CODE_POINT]);
  return gaps;
}

/** Ranges sorted and with overlapping or touching ones joined. */
export function mergeRanges(ranges: CodePointRanges): CodePointRanges {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [from, to] of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && from <= last[1] + 1) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}

/** What one escape or character inside a class stands for. */
type ClassAtom = { readonly codePoint: number } | { readonly ranges: CodePointRanges; readonly escape?: string | undefined };

class Parser {
  private at = 0;

  constructor(private readonly source: string) {}

  atEnd(): boolean {
    return this.at >= this.source.length;
  }

  disjunction(): PatternNode {
    const options = [this.alternative()];
    while (this.peek() === '|') {
      this.at++;
      options.push(this.alternative());
    }
    return options.length === 1 ? (options[0] ?? { kind: 'empty' }) : { kind: 'choice', options };
  }

  private alternative(): PatternNode {
    const items: PatternNode[] = [];
    for (let c = this.peek(); c !== undefined && c !== '|' && c !== ')'; c = this.peek()) items.push(this.term());
    return items.length === 0 ? { kind: 'empty' } : items.length === 1 ? (items[0] ?? { kind: 'empty' }) : { kind: 'sequence', items };
  }

  private term(): PatternNode {
    const assertion = this.assertion();
    if (assertion !== undefined) {
      if (this.quantifierAhead()) throw new Refusal(UNSUPPORTED); // the native engine refuses it too
      return { kind: 'assertion', assertion };
    }
    const atom = this.atom();
    const quantifier = this.quantifier();
    return quantifier === undefined ? atom : { kind: 'repeat', item: atom, min: quantifier.min, max: quantifier.max };
  }

  private assertion(): Assertion | undefined {
    const c = this.peek();
    if (c === '^' || c === '$') {
      this.at++;
      return c === '^' ? 'start' : 'end';
    }
    if (c === '\\' && (this.peek(1) === 'b' || this.peek(1) === 'B')) {
      const assertion = this.peek(1) === 'b' ? 'wordBoundary' : 'notWordBoundary';
      this.at += 2;
      return assertion;
    }
    return undefined;
  }

  private quantifierAhead(): boolean {
    const c = this.peek();
    return c === '*' || c === '+' || c === '?' || c === '{';
  }

  private quantifier(): { min: number; max: number } | undefined {
    const c = this.peek();
    let bounds: { min: number; max: number };
    if (c === '*') bounds = { min: 0, max: Infinity };
    else if (c === '+') bounds = { min: 1, max: Infinity };
    else if (c === '?') bounds = { min: 0, max: 1 };
    else if (c === '{') {
      const written = /^\{(\d+)(?:(,)(\d*))?\}/.exec(this.source.slice(this.at));
      if (written === null) throw new Refusal(UNSUPPORTED);
      const min = Number(written[1]);
      const max = written[2] === undefined ? min : written[3] === '' || written[3] === undefined ? Infinity : Number(written[3]);
      if (!(min <= max)) throw new Refusal(UNSUPPORTED);
      this.at += written[0].length - 1;
      bounds = { min, max };
    } else return undefined;
    this.at++;
    if (this.peek() === '?') this.at++; // laziness changes which match is found, never whether one is
    if (this.quantifierAhead()) throw new Refusal(UNSUPPORTED);
    return bounds;
  }

  private atom(): PatternNode {
    const c = this.peek();
    if (c === '.') {
      this.at++;
      return { kind: 'set', set: { negated: true, ranges: LINE_TERMINATORS, escapes: [] } };
    }
    if (c === '(') return this.group();
    if (c === '[') return { kind: 'set', set: this.characterClass() };
    if (c === '\\') {
      this.at++;
      const escaped = this.atomEscape();
      return { kind: 'set', set: 'codePoint' in escaped ? literalSet(escaped.codePoint) : setOf(false, [escaped]) };
    }
    if (c === undefined || SYNTAX_CHARACTERS.includes(c)) throw new Refusal(UNSUPPORTED);
    return { kind: 'set', set: literalSet(this.codePoint()) };
  }

  private group(): PatternNode {
    this.at++; // (
    if (this.peek() === '?') {
      const kind = this.source.slice(this.at + 1, this.at + 3);
      if (kind.startsWith('=') || kind.startsWith('!') || kind === '<=' || kind === '<!') throw new Refusal('uses a lookaround');
      if (kind.startsWith(':')) this.at += 2;
      else if (kind.startsWith('<')) {
        const close = this.source.indexOf('>', this.at);
        if (close < 0) throw new Refusal(UNSUPPORTED);
        this.at = close + 1;
      } else throw new Refusal('uses inline modifiers such as (?i:…)');
    }
    const inner = this.disjunction();
    if (this.peek() !== ')') throw new Refusal(UNSUPPORTED);
    this.at++;
    return inner;
  }

  /** After a backslash outside a class: a class escape or one code point. */
  private atomEscape(): ClassAtom {
    const c = this.peek();
    if (c !== undefined && c >= '1' && c <= '9') throw new Refusal('uses a back-reference');
    if (c === 'k') throw new Refusal('uses a back-reference');
    return this.classEscape() ?? { codePoint: this.characterEscape() };
  }

  /** `\d \D \w \W \s \S \p{…} \P{…}` after the backslash, or undefined for anything else. */
  private classEscape(): ClassAtom | undefined {
    const c = this.peek();
    switch (c) {
      case 'd':
      case 'D':
      case 'w':
      case 'W': {
        this.at++;
        const ranges = c === 'd' || c === 'D' ? DIGITS : WORD;
        return { ranges: c === 'd' || c === 'w' ? ranges : complementRanges(ranges) };
      }
      case 's':
      case 'S':
        this.at++;
        return { ranges: [], escape: `\\${c}` };
      case 'p':
      case 'P': {
        const close = this.source.indexOf('}', this.at);
        if (this.peek(1) !== '{' || close < 0) throw new Refusal(UNSUPPORTED);
        const escape = `\\${this.source.slice(this.at, close + 1)}`;
        this.at = close + 1;
        return { ranges: [], escape };
      }
      default:
        return undefined;
    }
  }

  /** A CharacterEscape after the backslash, as one code point. */
  private characterEscape(): number {
    const c = this.peek();
    if (c === undefined) throw new Refusal(UNSUPPORTED);
    const control = CONTROL_ESCAPES[c];
    if (control !== undefined) {
      this.at++;
      return control;
    }
    if (c === 'c') {
      const letter = this.peek(1) ?? '';
      if (!/^[A-Za-z]$/.test(letter)) throw new Refusal(UNSUPPORTED);
      this.at += 2;
      return letter.charCodeAt(0) % 32;
    }
    if (c === '0') {
      const next = this.peek(1);
      if (next !== undefined && next >= '0' && next <= '9') throw new Refusal(UNSUPPORTED);
      this.at++;
      return 0;
    }
    if (c === 'x') {
      const hex = this.source.slice(this.at + 1, this.at + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) throw new Refusal(UNSUPPORTED);
      this.at += 3;
      return parseInt(hex, 16);
    }
    if (c === 'u') return this.unicodeEscape();
    if (SYNTAX_CHARACTERS.includes(c) || c === '/') {
      this.at++;
      return c.charCodeAt(0);
    }
    throw new Refusal(UNSUPPORTED);
  }

  /** `\u{…}`, `\uXXXX`, or a surrogate pair written `\uD83D\uDE00` (one code point with `u`). */
  private unicodeEscape(): number {
    const braced = /^u\{([0-9A-Fa-f]+)\}/.exec(this.source.slice(this.at));
    if (braced !== null) {
      const codePoint = parseInt(braced[1] ?? '', 16);
      if (!(codePoint <= MAX_CODE_POINT)) throw new Refusal(UNSUPPORTED);
      this.at += braced[0].length;
      return codePoint;
    }
    const four = /^u([0-9A-Fa-f]{4})/.exec(this.source.slice(this.at));
    if (four === null) throw new Refusal(UNSUPPORTED);
    const unit = parseInt(four[1] ?? '', 16);
    this.at += 5;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const trail = /^\\u([Dd][C-Fc-f][0-9A-Fa-f]{2})/.exec(this.source.slice(this.at));
      if (trail !== null) {
        this.at += 6;
        return (unit - 0xd800) * 0x400 + (parseInt(trail[1] ?? '', 16) - 0xdc00) + 0x10000;
      }
    }
    return unit;
  }

  private characterClass(): SetSpec {
    this.at++; // [
    const negated = this.peek() === '^';
    if (negated) this.at++;
    const atoms: ClassAtom[] = [];
    while (this.peek() !== ']') {
      if (this.atEnd()) throw new Refusal(UNSUPPORTED);
      const first = this.classAtom();
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== undefined) {
        this.at++;
        const last = this.classAtom();
        // With `u`, a range between class escapes (`[\d-z]`) is a syntax error.
        if (!('codePoint' in first) || !('codePoint' in last) || first.codePoint > last.codePoint) throw new Refusal(UNSUPPORTED);
        atoms.push({ ranges: [[first.codePoint, last.codePoint]] });
      } else atoms.push(first);
    }
    this.at++; // ]
    return setOf(negated, atoms);
  }

  private classAtom(): ClassAtom {
    if (this.peek() !== '\\') return { codePoint: this.codePoint() };
    this.at++;
    const c = this.peek();
    if (c === 'b') {
      this.at++;
      return { codePoint: 0x08 };
    }
    if (c === '-') {
      this.at++;
      return { codePoint: 0x2d };
    }
    return this.classEscape() ?? { codePoint: this.characterEscape() };
  }

  /** The code point at the cursor (a surrogate pair in the pattern text is one), consumed. */
  private codePoint(): number {
    const codePoint = this.source.codePointAt(this.at);
    if (codePoint === undefined) throw new Refusal(UNSUPPORTED);
    this.at += codePoint > 0xffff ? 2 : 1;
    return codePoint;
  }

  private peek(ahead = 0): string | undefined {
    return this.source[this.at + ahead];
  }
}

function setOf(negated: boolean, atoms: readonly ClassAtom[]): SetSpec {
  const ranges: (readonly [number, number])[] = [];
  const escapes: string[] = [];
  for (const atom of atoms) {
    if ('codePoint' in atom) ranges.push([atom.codePoint, atom.codePoint]);
    else {
      ranges.push(...atom.ranges);
      if (atom.escape !== undefined) escapes.push(atom.escape);
    }
  }
  return { negated, ranges: mergeRanges(ranges), escapes };
}
