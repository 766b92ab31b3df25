// Runs a program over a value, keeping every live NFA state at once (Thompson's simulation, as in
// Pike's VM, without captures: only whether the whole value matches is asked). Each character
// visits each instruction at most once and shifts each counter's words once, so a match costs at
// most (program size) × (code points + 1) steps, whatever the pattern and the value.
import type { MatchWorkspace, PatternProgram } from './compile-pattern.js';
import { OP_ASSERT, OP_CHAR, OP_COUNT, OP_JUMP, OP_MATCH, OP_SPLIT } from './compile-pattern.js';

// The opcodes as constants of this module: a loader that rewrites imports into reads of a module
// object (Vite's, in tests and server builds) would otherwise read them once per step of the loop.
const ASSERT = OP_ASSERT;
const CHAR = OP_CHAR;
const COUNT = OP_COUNT;
const JUMP = OP_JUMP;
const MATCH = OP_MATCH;
const SPLIT = OP_SPLIT;

// Step stamps restart (with the stamped arrays cleared) long before an Int32Array overflows.
const LAST_STEP = 0x3fffffff;

/**
 * Whether the whole of `text` matches the program, as `^(?:pattern)$` with the `u` flag would say.
 *
 * @throws RangeError when the text has more code points than the program was compiled for (its
 * repetition counts were cut down to that length).
 */
export function matchPattern(program: PatternProgram, text: string): boolean {
  const length = text.length;
  if (length > program.maxTextLength && codePointCount(text) > program.maxTextLength) {
    throw new RangeError('The text is longer than the pattern was compiled for.');
  }
  const { op, x, y, counterPc, counterMin, counterTop, counterSaturates, counterOffset, counterWords } = program;
  const ws = program.workspace;
  if (ws.step >= LAST_STEP - length - 1) {
    ws.seen.fill(0);
    ws.counterSeen.fill(0);
    ws.askedAt.fill(0);
    ws.step = 0;
  }
  const { seen, stack, counterSeen } = ws;
  // Character instructions waiting for the next code point, and those reached past it.
  let waiting = ws.waiting;
  let waitingCount: number;
  let reached = ws.reached;
  let reachedCount = 0;
  // Counters with a count alive, now and past the next code point, and their bits (all zero
  // between matches: live ones are cleared as they shift and at the end).
  let live = ws.live;
  let liveCount: number;
  let nextLive = ws.nextLive;
  let nextLiveCount = 0;
  let bits = ws.bits;
  let nextBits = ws.nextBits;

  let step = ++ws.step;
  let height = 0;
  seen[0] = step;
  stack[height++] = 0;
  let at = 0;
  let matched = false;
  for (;;) {
    // Follow the empty moves from the stacked instructions, at position `at`.
    while (height > 0) {
      const pc = stack[--height] ?? 0;
      let next = -1;
      switch (op[pc]) {
        case CHAR:
          reached[reachedCount++] = pc;
          break;
        case SPLIT: {
          const other = y[pc] ?? 0;
          if (seen[other] !== step) {
            seen[other] = step;
            stack[height++] = other;
          }
          next = x[pc] ?? 0;
          break;
        }
        case JUMP:
          next = x[pc] ?? 0;
          break;
        case ASSERT:
          if (holds(text, x[pc] ?? 0, at)) next = pc + 1;
          break;
        case COUNT: {
          const counter = y[pc] ?? 0;
          const first = counterOffset[counter] ?? 0;
          nextBits[first] = (nextBits[first] ?? 0) | 1;
          if (counterSeen[counter] !== step) {
            counterSeen[counter] = step;
            nextLive[nextLiveCount++] = counter;
          }
          if (counterMin[counter] === 0) next = pc + 1;
          break;
        }
        case MATCH:
          if (at === length) matched = true;
          break;
        default: // OP_FAIL
          break;
      }
      if (next >= 0 && seen[next] !== step) {
        seen[next] = step;
        stack[height++] = next;
      }
    }
    if (at === length) break;

    const list = waiting;
    waiting = reached;
    reached = list;
    waitingCount = reachedCount;
    reachedCount = 0;
    const counters = live;
    live = nextLive;
    nextLive = counters;
    liveCount = nextLiveCount;
    nextLiveCount = 0;
    const words = bits;
    bits = nextBits;
    nextBits = words;
    if (waitingCount === 0 && liveCount === 0) return false;

    let codePoint = text.charCodeAt(at);
    let width = 1;
    if (codePoint >= 0xd800 && codePoint <= 0xdbff && at + 1 < length) {
      const trail = text.charCodeAt(at + 1);
      if (trail >= 0xdc00 && trail <= 0xdfff) {
        codePoint = (codePoint - 0xd800) * 0x400 + (trail - 0xdc00) + 0x10000;
        width = 2;
      }
    }
    step = ++ws.step;

    // Counters: every count alive moves up by one if the set takes the code point, else all die.
    for (let i = 0; i < liveCount; i++) {
      const counter = live[i] ?? 0;
      const pc = counterPc[counter] ?? 0;
      const first = counterOffset[counter] ?? 0;
      const end = first + (counterWords[counter] ?? 0);
      const top = counterTop[counter] ?? 0;
      const topWord = first + (top >>> 5);
      const topBit = 1 << (top & 31);
      const takes = setTakes(program, ws, x[pc] ?? 0, codePoint, step);
      const saturated = counterSaturates[counter] === 1 && ((bits[topWord] ?? 0) & topBit) !== 0;
      let carry = 0;
      for (let w = first; w < end; w++) {
        const value = bits[w] ?? 0;
        bits[w] = 0;
        nextBits[w] = takes ? (value << 1) | carry : 0;
        carry = value >>> 31;
      }
      if (!takes) continue;
      // Counts past the top drop out; a saturating counter keeps its top ("at least min").
      const kept = (nextBits[topWord] ?? 0) & (topBit === -0x80000000 ? -1 : (topBit << 1) - 1);
      nextBits[topWord] = saturated ? kept | topBit : kept;
      let any = 0;
      for (let w = first; w < end; w++) any |= nextBits[w] ?? 0;
      if (any === 0) continue;
      counterSeen[counter] = step;
      nextLive[nextLiveCount++] = counter;
      if (seen[pc + 1] !== step && reachesMin(nextBits, first, end, counterMin[counter] ?? 0)) {
        seen[pc + 1] = step;
        stack[height++] = pc + 1;
      }
    }
    // Character instructions: those whose set takes the code point move past it.
    for (let i = 0; i < waitingCount; i++) {
      const pc = waiting[i] ?? 0;
      if (seen[pc + 1] !== step && setTakes(program, ws, x[pc] ?? 0, codePoint, step)) {
        seen[pc + 1] = step;
        stack[height++] = pc + 1;
      }
    }
    at += width;
  }
  for (let i = 0; i < nextLiveCount; i++) {
    const counter = nextLive[i] ?? 0;
    const first = counterOffset[counter] ?? 0;
    nextBits.fill(0, first, first + (counterWords[counter] ?? 0));
  }
  return matched;
}

// Whether a set takes a code point: a bit for ASCII; above it, asked once per step and set, since
// a set may consult a native tester and many instructions share one set.
function setTakes(program: PatternProgram, ws: MatchWorkspace, set: number, codePoint: number, step: number): boolean {
  if (codePoint < 128) return ((program.asciiBits[(set << 2) | (codePoint >>> 5)] ?? 0) & (1 << (codePoint & 31))) !== 0;
  if (ws.askedAt[set] !== step) {
    ws.askedAt[set] = step;
    ws.answer[set] = program.sets[set]?.hasWide(codePoint) === true ? 1 : 0;
  }
  return ws.answer[set] === 1;
}

function holds(text: string, assertion: number, at: number): boolean {
  switch (assertion) {
    case 0:
      return at === 0;
    case 1:
      return at === text.length;
    case 2:
      return isWordUnit(text.charCodeAt(at - 1)) !== isWordUnit(text.charCodeAt(at));
    default:
      return isWordUnit(text.charCodeAt(at - 1)) === isWordUnit(text.charCodeAt(at));
  }
}

// `\w` without the `i` flag is ASCII only, so one UTF-16 unit decides (NaN, outside the text, is not).
function isWordUnit(unit: number): boolean {
  return (unit >= 0x30 && unit <= 0x39) || (unit >= 0x41 && unit <= 0x5a) || unit === 0x5f || (unit >= 0x61 && unit <= 0x7a);
}

/** Whether a counter holds a count of at least `min` (its bits above its top are always clear). */
function reachesMin(bits: Uint32Array, first: number, end: number, min: number): boolean {
  let w = first + (min >>> 5);
  if (((bits[w] ?? 0) & ~((1 << (min & 31)) - 1)) !== 0) return true;
  for (w++; w < end; w++) if ((bits[w] ?? 0) !== 0) return true;
  return false;
}

function codePointCount(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const trail = text.charCodeAt(i + 1);
      if (trail >= 0xdc00 && trail <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}
