// Random patterns from the grammar of JavaScript regular expressions with the `u` flag, over a small
// alphabet, with every construct the linear matcher accepts; and short values over a matching
// alphabet (ASCII, a Latin letter with an accent, an astral emoji, a lone surrogate, a newline).
import fc from 'fast-check';
import { compileSet } from '../../src/fields/_internal/pattern/code-point-set.js';
import type { PatternNode } from '../../src/fields/_internal/pattern/parse-pattern.js';
import { parsePattern } from '../../src/fields/_internal/pattern/parse-pattern.js';

const literal = fc.constantFrom('a', 'b', 'c', '-', '1', 'é', '😀', ' ', '\\.', '\\u{1F600}', '\\x61', '\\u0062', '\\uD83D\\uDE00', '\\uD83D', '\\n', '\\t', '\\/', '\\*', '\\0', '\\cJ');
const classEscape = fc.constantFrom('\\d', '\\D', '\\w', '\\W', '\\s', '\\S', '\\p{Lu}', '\\p{L}', '\\P{L}', '\\p{Script=Latin}', '\\p{Emoji_Presentation}');
const classAtom = fc.constantFrom('a', 'b', 'c', 'A', '1', '_', 'é', '😀', '\\-', '\\]', '\\b', '\\u{1F600}', '\\x2D', '^', '.', '$', '|', '(', '*', '\\n');
const range = fc.constantFrom('a-c', 'A-Z', '0-9', 'b-z', '\\x00-\\x7F', 'à-ÿ', '\\u{1F000}-\\u{1FFFF}', '\\uD800-\\uDBFF', '--0', ' -/');
const characterClass = fc
  .tuple(fc.boolean(), fc.array(fc.oneof(classAtom, classEscape, range), { maxLength: 4 }), fc.constantFrom('', '-'))
  .map(([negated, items, trailing]) => `[${negated ? '^' : ''}${items.join('')}${trailing}]`);
const atom = fc.oneof({ weight: 6, arbitrary: literal }, { weight: 2, arbitrary: fc.constant('.') }, { weight: 2, arbitrary: classEscape }, { weight: 3, arbitrary: characterClass });
const assertion = fc.constantFrom('^', '$', '\\b', '\\B');

/** A quantifier with counts up to `maxCount`, greedy or lazy. */
function quantifier(maxCount: number): fc.Arbitrary<string> {
  const counts = fc.tuple(fc.nat(maxCount), fc.nat(maxCount)).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const);
  return fc
    .tuple(
      fc.oneof(
        fc.constantFrom('*', '+', '?'),
        fc.nat(maxCount).map((n) => `{${n}}`),
        fc.nat(maxCount).map((n) => `{${n},}`),
        counts.map(([n, m]) => `{${n},${m}}`),
      ),
      fc.constantFrom('', '', '?'),
    )
    .map(([q, lazy]) => q + lazy);
}

/**
 * Patterns with groups nested at most `depth` deep and repetition counts up to `maxCount`. Named
 * groups get distinct names, as the engine requires.
 */
export function arbPattern(depth = 2, maxCount = 4): fc.Arbitrary<string> {
  return disjunction(depth, maxCount)
    .map((p) => {
      let n = 0;
      return p.replace(/<@>/g, () => `<g${++n}>`);
    })
    .filter((p) => p.length <= 200);
}

function disjunction(depth: number, maxCount: number): fc.Arbitrary<string> {
  const term = depth === 0 ? fc.oneof({ weight: 5, arbitrary: quantified(atom, maxCount) }, { weight: 1, arbitrary: assertion }) : fc.oneof(
    { weight: 4, arbitrary: quantified(atom, maxCount) },
    { weight: 1, arbitrary: assertion },
    { weight: 2, arbitrary: quantified(group(depth - 1, maxCount), maxCount) },
  );
  const alternative = fc.array(term, { maxLength: 4 }).map((terms) => terms.join(''));
  return fc.array(alternative, { minLength: 1, maxLength: 3 }).map((options) => options.join('|'));
}

function group(depth: number, maxCount: number): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom('(', '(?:', '(?<@>'), disjunction(depth, maxCount))
    .map(([open, body]) => `${open}${body})`);
}

function quantified(item: fc.Arbitrary<string>, maxCount: number): fc.Arbitrary<string> {
  return fc.tuple(item, fc.option(quantifier(maxCount), { nil: '' })).map(([a, q]) => a + q);
}

/** Values of at most `maxLength` code points over the alphabet the patterns use, and a few more. */
export function arbValue(maxLength = 8): fc.Arbitrary<string> {
  const unit = fc.constantFrom('a', 'b', 'c', 'a', 'b', '-', '1', 'A', 'Z', '_', ' ', '.', 'é', 'É', '😀', '🀄', '\uD83D', '\uDE00', '\n', '\u2028', '\t', '/', '*', '\0');
  return fc.array(unit, { maxLength }).map((units) => units.join(''));
}

const VALUE_UNITS = ['a', 'b', 'c', '-', '1', 'A', '_', ' ', '.', 'é', '😀', '\n', '\t', '/', '*'];

/**
 * Values for one pattern: random ones, and ones drawn from the pattern itself (a path through it,
 * often with one character deleted, doubled or changed), so that matches and near misses are
 * common. At most `maxLength` code points each.
 */
export function arbValuesFor(pattern: string, maxLength: number): fc.Arbitrary<string[]> {
  const parsed = parsePattern(pattern);
  const drawn =
    parsed.ok
      ? fc.tuple(fc.infiniteStream(fc.nat(999)), fc.nat(4), fc.nat(99), fc.constantFrom(...VALUE_UNITS)).map(([choices, edit, where, unit]) => {
          const chars: string[] = [];
          const next = choices[Symbol.iterator]();
          const pick = (n: number): number => ((next.next().value as number | undefined) ?? 0) % n;
          draw(parsed.node, pick, chars);
          const at = chars.length === 0 ? 0 : where % chars.length;
          if (edit === 1) chars.splice(at, 1);
          else if (edit === 2) chars.splice(at, 0, chars[at] ?? unit);
          else if (edit === 3) chars.splice(at, 1, unit);
          return chars.slice(0, maxLength).join('');
        })
      : arbValue(maxLength);
  return fc.array(fc.oneof(drawn, drawn, arbValue(maxLength)), { minLength: 1, maxLength: 8 });
}

// One path through the pattern, ignoring assertions; each set gives one of its members among a few candidates.
function draw(node: PatternNode, pick: (n: number) => number, out: string[]): void {
  switch (node.kind) {
    case 'set': {
      const candidates = [...VALUE_UNITS.map((u) => u.codePointAt(0) ?? 0), ...node.set.ranges.flatMap(([from, to]) => [from, to, from + pick(to - from + 1)])];
      const set = compileSet(node.set, new Map());
      const members = candidates.filter((c) => (c < 128 ? ((set.ascii[c >>> 5] ?? 0) & (1 << (c & 31))) !== 0 : set.hasWide(c)));
      const chosen = members.length > 0 ? members[pick(members.length)] : candidates[pick(candidates.length)];
      out.push(String.fromCodePoint(chosen ?? 0x61));
      return;
    }
    case 'sequence':
      for (const item of node.items) draw(item, pick, out);
      return;
    case 'choice': {
      const option = node.options[pick(node.options.length)];
      if (option !== undefined) draw(option, pick, out);
      return;
    }
    case 'repeat': {
      const count = node.min + pick(Math.min(node.max, node.min + 3) - node.min + 1);
      for (let i = 0; i < count && out.length < 64; i++) draw(node.item, pick, out);
      return;
    }
    default:
      return;
  }
}
