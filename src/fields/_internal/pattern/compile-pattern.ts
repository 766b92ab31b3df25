// Syntax tree → a Thompson NFA program for match-pattern.ts. Bounded repetition is written out
// copy by copy, except a repeated single set (`\d{1,3}`, `[a-z]{0,99}`), which becomes one counter
// instruction holding a bitset of the counts reached. The program's size is the matcher's work per
// character, so it is capped.
import type { CodePointSet, NativeEscapes } from './code-point-set.js';
import { compileSet } from './code-point-set.js';
import type { Assertion, PatternNode, SetSpec } from './parse-pattern.js';
import { mergeRanges } from './parse-pattern.js';

/** The largest program the matcher runs: its work per character of the value, at most. */
export const MAX_PROGRAM_SIZE = 2000;

// The instruction codes of a program, as plain constants: the matcher's hot loop switches on them.
/** Consume one code point of the set `x`, then go on at the next instruction. */
export const OP_CHAR = 0;
/** Go on at both `x` and `y`. */
export const OP_SPLIT = 1;
/** Go on at `x`. */
export const OP_JUMP = 2;
/** Go on at the next instruction if the assertion `x` holds here. */
export const OP_ASSERT = 3;
/** Counted repetition of the set `x` with the counter `y`; go on at the next instruction once it allows. */
export const OP_COUNT = 4;
/** The pattern has matched (the whole value, if at its end). */
export const OP_MATCH = 5;
/** Never go on. */
export const OP_FAIL = 6;

/** The codes of the assertions in `OP_ASSERT` instructions. */
export const ASSERTION_CODE: Readonly<Record<Assertion, number>> = /* @__PURE__ */ Object.freeze({ start: 0, end: 1, wordBoundary: 2, notWordBoundary: 3 });

/**
 * A compiled pattern. Instruction `pc` is `op[pc]` with operands `x[pc]` and `y[pc]`; the program
 * starts at 0. Counter `c` repeats a set between `counterMin[c]` and `counterTop[c]` times, or at
 * least `counterMin[c]` times when it saturates (then `counterTop[c] === counterMin[c]`); its
 * counts live in `counterWords[c]` words from `counterOffset[c]`.
 */
export interface PatternProgram {
  /** Instructions plus counter words: the bound on the work per character. */
  readonly size: number;
  /** The longest value, in code points, this program gives the right answer for. */
  readonly maxTextLength: number;
  readonly op: Uint8Array;
  readonly x: Int32Array;
  readonly y: Int32Array;
  readonly sets: readonly CodePointSet[];
  /** The ASCII bitmaps of all sets, four words per set. */
  readonly asciiBits: Uint32Array;
  /** The `OP_COUNT` instruction of each counter. */
  readonly counterPc: Int32Array;
  readonly counterMin: Int32Array;
  readonly counterTop: Int32Array;
  readonly counterSaturates: Uint8Array;
  readonly counterOffset: Int32Array;
  readonly counterWords: Int32Array;
  /** The words of all counters. */
  readonly counterWordCount: number;
  readonly workspace: MatchWorkspace;
}

/**
 * Scratch memory of the matcher, sized for one program and reused by each match of it (a match
 * runs to its end without yielding, so two never share it at once). Arrays stamped with a step
 * number need no clearing between matches; counter bits are left all zero.
 */
export interface MatchWorkspace {
  readonly waiting: Int32Array;
  readonly reached: Int32Array;
  readonly stack: Int32Array;
  /** The step in which each instruction was last reached: each is followed once per step. */
  readonly seen: Int32Array;
  readonly live: Int32Array;
  readonly nextLive: Int32Array;
  readonly counterSeen: Int32Array;
  readonly bits: Uint32Array;
  readonly nextBits: Uint32Array;
  /** The step in which each set was last asked about a code point above ASCII, and its answer. */
  readonly askedAt: Int32Array;
  readonly answer: Uint8Array;
  /** The last step number used. */
  step: number;
}

/** A program, or why none is built. */
export type CompiledPattern = { readonly ok: true; readonly program: PatternProgram } | { readonly ok: false; readonly reason: string };

/**
 * Compiles a parsed pattern into a program that answers correctly for values of at most
 * `maxTextLength` code points: repetition counts beyond what such a value can hold are cut down
 * to what it can, so that `\d{1,100000}` costs no more than `\d+`.
 */
export function compilePattern(node: PatternNode, maxTextLength: number, maxSize: number = MAX_PROGRAM_SIZE): CompiledPattern {
  const normal = normalize(node, maxTextLength);
  const size = sizeOf(normal) + 1;
  if (size > maxSize) return { ok: false, reason: `needs more than ${maxSize} matcher steps per character (lower its repetition counts)` };
  const builder = new Builder();
  builder.node(normal);
  builder.emit(OP_MATCH);
  return { ok: true, program: builder.program(maxTextLength) };
}

const EMPTY: PatternNode = { kind: 'empty' };
const FAIL: PatternNode = { kind: 'fail' };

/**
 * Cuts repetition counts down, keeping the same answers on values of at most `k` code points:
 * an item that consumes at least `w` code points fits at most ⌊k/w⌋ times, so `{n,m}` never
 * matches when n·w > k and is `{n,}` when m·w > k; an item that may match nothing, whatever the
 * position, needs none of its required copies and is `*` from k copies on.
 */
function normalize(node: PatternNode, k: number): PatternNode {
  switch (node.kind) {
    case 'sequence': {
      const items = node.items.map((item) => normalize(item, k)).filter((item) => item.kind !== 'empty');
      if (items.some((item) => item.kind === 'fail')) return FAIL;
      return items.length === 0 ? EMPTY : items.length === 1 ? (items[0] ?? EMPTY) : { kind: 'sequence', items };
    }
    case 'choice': {
      const options = node.options.map((option) => normalize(option, k)).filter((option) => option.kind !== 'fail');
      if (options.length === 0) return FAIL;
      if (options.length === 1) return options[0] ?? FAIL;
      // `(a|b|\d)` is one set, so `(a|b){0,99}` becomes a counter rather than 99 copies.
      const sets = options.flatMap((option) => (option.kind === 'set' && !option.set.negated ? [option.set] : []));
      if (sets.length < options.length) return { kind: 'choice', options };
      const set: SetSpec = { negated: false, ranges: mergeRanges(sets.flatMap((s) => s.ranges)), escapes: [...new Set(sets.flatMap((s) => s.escapes))] };
      return { kind: 'set', set };
    }
    case 'repeat': {
      const item = normalize(node.item, k);
      let { min, max } = node;
      if (max === 0 || item.kind === 'empty') return EMPTY;
      const width = minWidth(item);
      if (width === Infinity) return min === 0 ? EMPTY : FAIL;
      if (width >= 1) {
        if (min * width > k) return FAIL;
        if (max * width > k) max = Infinity;
      } else if (nullable(item)) {
        min = 0;
        if (max >= k) max = Infinity;
      }
      return { kind: 'repeat', item, min, max };
    }
    default:
      return node;
  }
}

/** The fewest code points a node consumes when it matches; Infinity when it never matches. */
function minWidth(node: PatternNode): number {
  switch (node.kind) {
    case 'empty':
    case 'assertion':
      return 0;
    case 'fail':
      return Infinity;
    case 'set':
      return 1;
    case 'sequence':
      return node.items.reduce((sum, item) => sum + minWidth(item), 0);
    case 'choice':
      return Math.min(...node.options.map(minWidth));
    case 'repeat':
      return node.min === 0 ? 0 : node.min * minWidth(node.item);
  }
}

/** Whether a node matches nothing at every position (no assertion in the way). */
function nullable(node: PatternNode): boolean {
  switch (node.kind) {
    case 'empty':
      return true;
    case 'fail':
    case 'set':
    case 'assertion':
      return false;
    case 'sequence':
      return node.items.every(nullable);
    case 'choice':
      return node.options.some(nullable);
    case 'repeat':
      return node.min === 0 || nullable(node.item);
  }
}

/** Whether a repeat of a single set becomes one counter instruction. */
function counted(node: Extract<PatternNode, { kind: 'repeat' }>): node is typeof node & { item: { kind: 'set'; set: SetSpec } } {
  return node.item.kind === 'set' && (node.max === Infinity ? node.min >= 2 : node.max >= 2);
}

const counterWords = (top: number): number => Math.ceil((top + 1) / 32);

/** The instructions and counter words a node compiles to (as a float: it may be huge). */
function sizeOf(node: PatternNode): number {
  switch (node.kind) {
    case 'empty':
      return 0;
    case 'fail':
    case 'set':
    case 'assertion':
      return 1;
    case 'sequence':
      return node.items.reduce((sum, item) => sum + sizeOf(item), 0);
    case 'choice':
      return node.options.reduce((sum, option) => sum + sizeOf(option), 0) + 2 * (node.options.length - 1);
    case 'repeat': {
      if (counted(node)) return 1 + counterWords(node.max === Infinity ? node.min : node.max);
      const item = sizeOf(node.item);
      if (node.max === Infinity) return node.min === 0 ? item + 2 : node.min * item + 1;
      return node.min * item + (node.max - node.min) * (item + 1);
    }
  }
}

class Builder {
  private readonly ops: number[] = [];
  private readonly xs: number[] = [];
  private readonly ys: number[] = [];
  private readonly sets: CodePointSet[] = [];
  private readonly setIndex = new Map<string, number>();
  private readonly natives: NativeEscapes = new Map();
  private readonly counters: { pc: number; min: number; top: number; saturates: boolean; offset: number; words: number }[] = [];
  private words = 0;

  get pc(): number {
    return this.ops.length;
  }

  emit(op: number, x = 0, y = 0): number {
    this.ops.push(op);
    this.xs.push(x);
    this.ys.push(y);
    return this.ops.length - 1;
  }

  node(node: PatternNode): void {
    switch (node.kind) {
      case 'empty':
        return;
      case 'fail':
        this.emit(OP_FAIL);
        return;
      case 'set':
        this.emit(OP_CHAR, this.set(node.set));
        return;
      case 'assertion':
        this.emit(OP_ASSERT, ASSERTION_CODE[node.assertion]);
        return;
      case 'sequence':
        for (const item of node.items) this.node(item);
        return;
      case 'choice': {
        const exits: number[] = [];
        node.options.forEach((option, index) => {
          const last = index === node.options.length - 1;
          const split = last ? -1 : this.emit(OP_SPLIT, this.pc + 1);
          this.node(option);
          if (!last) {
            exits.push(this.emit(OP_JUMP));
            this.ys[split] = this.pc;
          }
        });
        for (const exit of exits) this.xs[exit] = this.pc;
        return;
      }
      case 'repeat':
        this.repeat(node);
        return;
    }
  }

  private repeat(node: Extract<PatternNode, { kind: 'repeat' }>): void {
    const { item, min, max } = node;
    if (counted(node)) {
      const saturates = max === Infinity;
      const top = saturates ? min : max;
      const words = counterWords(top);
      this.counters.push({ pc: this.pc, min, top, saturates, offset: this.words, words });
      this.words += words;
      this.emit(OP_COUNT, this.set(node.item.set), this.counters.length - 1);
      return;
    }
    if (max === Infinity) {
      if (min === 0) {
        const loop = this.emit(OP_SPLIT, this.pc + 1);
        this.node(item);
        this.emit(OP_JUMP, loop);
        this.ys[loop] = this.pc;
        return;
      }
      for (let i = 1; i < min; i++) this.node(item);
      const start = this.pc;
      this.node(item);
      this.emit(OP_SPLIT, start, this.pc + 1);
      return;
    }
    for (let i = 0; i < min; i++) this.node(item);
    const skips: number[] = [];
    for (let i = min; i < max; i++) {
      skips.push(this.emit(OP_SPLIT, this.pc + 1));
      this.node(item);
    }
    for (const skip of skips) this.ys[skip] = this.pc;
  }

  private set(spec: SetSpec): number {
    const key = JSON.stringify(spec);
    let index = this.setIndex.get(key);
    if (index === undefined) {
      index = this.sets.length;
      this.sets.push(compileSet(spec, this.natives));
      this.setIndex.set(key, index);
    }
    return index;
  }

  program(maxTextLength: number): PatternProgram {
    const asciiBits = new Uint32Array(this.sets.length * 4);
    this.sets.forEach((set, index) => {
      asciiBits.set(set.ascii, index * 4);
    });
    const size = this.ops.length;
    const counters = this.counters.length;
    const workspace: MatchWorkspace = {
      waiting: new Int32Array(size),
      reached: new Int32Array(size),
      stack: new Int32Array(size),
      seen: new Int32Array(size),
      live: new Int32Array(counters),
      nextLive: new Int32Array(counters),
      counterSeen: new Int32Array(counters),
      bits: new Uint32Array(this.words),
      nextBits: new Uint32Array(this.words),
      askedAt: new Int32Array(this.sets.length),
      answer: new Uint8Array(this.sets.length),
      step: 0,
    };
    return {
      workspace,
      size: this.ops.length + this.words,
      maxTextLength,
      op: Uint8Array.from(this.ops),
      x: Int32Array.from(this.xs),
      y: Int32Array.from(this.ys),
      sets: this.sets,
      asciiBits,
      counterPc: Int32Array.from(this.counters, (c) => c.pc),
      counterMin: Int32Array.from(this.counters, (c) => c.min),
      counterTop: Int32Array.from(this.counters, (c) => c.top),
      counterSaturates: Uint8Array.from(this.counters, (c) => (c.saturates ? 1 : 0)),
      counterOffset: Int32Array.from(this.counters, (c) => c.offset),
      counterWords: Int32Array.from(this.counters, (c) => c.words),
      counterWordCount: this.words,
    };
  }
}
