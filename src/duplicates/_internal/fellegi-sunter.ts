/* eslint-disable @typescript-eslint/non-nullable-type-assertion-style -- `!` is forbidden here, and `?? 0` would turn a wrong index into a silent zero: hot loops read in-bounds indexes as `as number`. */
// The Fellegi-Sunter model: each criterion's level of agreement is evidence, weighed by how much
// more often that level occurs between duplicates (m) than between unrelated records (u); the
// weights add up to a match probability. Estimated without labels, as Splink does:
//
// - u from random pairs, which are almost all unrelated;
// - m by expectation maximisation, one session per criterion over the candidate pairs that
//   criterion's blocking keys proposed, with that criterion left out of the session (every pair
//   there agrees on it by construction, so it would teach EM that agreeing on it is what
//   duplicates look like, and a block of namesakes would be explained as one person);
// - the prior, the share of duplicates among all pairs, as the fixed point of "the expected
//   number of duplicates among the candidates, over the number of pairs";
// - u corrected for the duplicates among the random pairs once m and the prior are known.
//
// The comparators' priors act as pseudo-counts throughout, so that a small input keeps sensible
// weights.

import type { CompiledCriterion } from './compile-criteria.js';

/** The m and u of each level of each criterion, and the share of duplicates among all pairs. */
export interface Parameters {
  readonly prior: number;
  readonly m: readonly (readonly number[])[];
  readonly u: readonly (readonly number[])[];
}

/** A comparison pattern: criterion k's level plus one in hexadecimal digit k (0 for no evidence). */
export type Pattern = number;

/** Counts of pairs by their pattern. */
export type PatternCounts = ReadonlyMap<Pattern, number>;

const DIGIT = 16;
// Pseudo-counts: the priors weigh as much as this many duplicate pairs (m) or random pairs (u).
const PSEUDO_MATCHES = 10;
const PSEUDO_RANDOM = 1000;
const MAX_ITERATIONS = 100;
const OUTER_ROUNDS = 3;
const CLOSE_ENOUGH = 1e-7;
const SMALLEST = 1e-6;

/** The level of criterion `k` in a pattern, or -1 when the pair gave no evidence. */
export function levelOf(pattern: Pattern, k: number): number {
  return (Math.floor(pattern / DIGIT ** k) % DIGIT) - 1;
}

/** The pattern of a list of levels (-1 for no evidence). */
export function patternOf(levels: readonly number[]): Pattern {
  let pattern = 0;
  for (let k = levels.length - 1; k >= 0; k--) pattern = pattern * DIGIT + ((levels[k] as number) + 1);
  return pattern;
}

/** The comparators' priors. */
export function priorParameters(criteria: readonly CompiledCriterion[], prior = 0.05): Parameters {
  return {
    prior,
    m: criteria.map((criterion) => criterion.rule.levels.map((level) => level.m)),
    u: criteria.map((criterion) => criterion.rule.levels.map((level) => level.u)),
  };
}

/**
 * The whole model from the levels of random pairs (counts per level of each criterion, over pairs
 * of records that both hold its field), the patterns of all the candidate pairs, and those of the
 * candidate pairs each criterion's strict blocking keys proposed (its EM session). `totalPairs` is
 * the number of pairs among all the records (n(n-1)/2).
 */
export function estimateParameters(
  criteria: readonly CompiledCriterion[],
  random: readonly (readonly number[])[],
  candidates: PatternCounts,
  sessions: readonly PatternCounts[],
  totalPairs: number,
): Parameters {
  const start = priorParameters(criteria);
  const candidateRows = rowsOf(criteria, candidates);
  const sessionRows = sessions.map((counts, c) => rowsOf(criteria, counts).map((row) => ({ levels: row.levels.map((level, k) => (k === c ? -1 : level)), count: row.count })));
  let u = estimateU(criteria, random, start, 0, start.m);
  let m = start.m;
  let prior = start.prior;
  for (let round = 0; round < OUTER_ROUNDS; round++) {
    m = estimateM(criteria, sessionRows, start, u);
    prior = estimatePrior(candidateRows, { prior, m, u }, totalPairs);
    u = estimateU(criteria, random, start, prior, m);
  }
  return { prior, m, u };
}

interface Row {
  readonly levels: readonly number[];
  readonly count: number;
}

function rowsOf(criteria: readonly CompiledCriterion[], counts: PatternCounts): Row[] {
  return [...counts].map(([pattern, count]) => ({ levels: criteria.map((_, k) => levelOf(pattern, k)), count }));
}

// u per level from the random pairs, less the duplicates expected among them (prior × m).
function estimateU(criteria: readonly CompiledCriterion[], random: readonly (readonly number[])[], start: Parameters, prior: number, m: readonly (readonly number[])[]): number[][] {
  return criteria.map((criterion, k) => {
    const counts = criterion.rule.levels.map((_, l) => random[k]?.[l] ?? 0);
    const seen = counts.reduce((sum, count) => sum + count, 0);
    return normalised(
      counts.map((count, l) => Math.max(0, count - prior * seen * ((m[k] as readonly number[])[l] as number)) + PSEUDO_RANDOM * ((start.u[k] as readonly number[])[l] as number)),
    );
  });
}

function normalised(counts: readonly number[]): number[] {
  const total = counts.reduce((sum, count) => sum + count, 0);
  return counts.map((count) => Math.max(SMALLEST, count / total));
}

// m: one EM session per criterion with strict blocking keys, over the pairs its keys proposed and
// with it left out (its rows say -1 there); the sessions' expected counts are pooled with the
// priors'.
function estimateM(criteria: readonly CompiledCriterion[], sessions: readonly (readonly Row[])[], start: Parameters, u: readonly (readonly number[])[]): number[][] {
  const pooled = criteria.map((criterion, k) => criterion.rule.levels.map((_, l) => PSEUDO_MATCHES * ((start.m[k] as readonly number[])[l] as number)));
  sessions.forEach((session, c) => {
    if (session.length === 0) return;
    const sums = expectationMaximisation(criteria, session, start, u);
    for (let k = 0; k < criteria.length; k++) {
      if (k === c) continue;
      const into = (pooled[k] as number[]);
      const from = (sums[k] as number[]);
      for (let l = 0; l < into.length; l++) into[l] = (into[l] as number) + (from[l] as number);
    }
  });
  return pooled.map(normalised);
}

// EM over one session's rows, u held fixed: the expected number of duplicate pairs at each level
// of each criterion, once the session's m and prior have settled.
function expectationMaximisation(criteria: readonly CompiledCriterion[], rows: readonly Row[], start: Parameters, u: readonly (readonly number[])[]): number[][] {
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  let m: readonly (readonly number[])[] = start.m;
  let prior = 0.5;
  let sums: number[][] = [];
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    sums = criteria.map((criterion) => criterion.rule.levels.map(() => 0));
    let matches = 0;
    for (const { levels, count } of rows) {
      const weight = matchProbability(levels, { prior, m, u }) * count;
      matches += weight;
      for (let k = 0; k < levels.length; k++) {
        const level = (levels[k] as number);
        if (level >= 0) (sums[k] as number[])[level] = ((sums[k] as number[])[level] as number) + weight;
      }
    }
    const next = sums.map((row, k) => normalised(row.map((sum, l) => sum + PSEUDO_MATCHES * ((start.m[k] as readonly number[])[l] as number))));
    const nextPrior = Math.min(1 - SMALLEST, Math.max(SMALLEST, matches / total));
    const change = Math.abs(nextPrior - prior) + next.reduce((sum, row, k) => sum + row.reduce((inner, value, l) => inner + Math.abs(value - ((m[k] as readonly number[])[l] as number)), 0), 0);
    m = next;
    prior = nextPrior;
    if (change < CLOSE_ENOUGH) break;
  }
  return sums;
}

// The share of duplicates among all pairs: pairs that are not candidates are taken as unrelated,
// so it is the fixed point of (expected duplicates among the candidates) / (all pairs).
function estimatePrior(rows: readonly Row[], parameters: Parameters, totalPairs: number): number {
  const candidates = rows.reduce((sum, row) => sum + row.count, 0);
  if (candidates === 0 || totalPairs === 0) return parameters.prior;
  const bits = rows.map((row) => bitsOf(row.levels, parameters));
  let prior = Math.min(0.5, candidates / totalPairs / 2);
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    const offset = Math.log2(prior / (1 - prior));
    let expected = 0;
    for (let r = 0; r < rows.length; r++) expected += (rows[r] as Row).count / (1 + 2 ** -(offset + (bits[r] as number)));
    const next = Math.min(1 - SMALLEST, Math.max(1 / (totalPairs + 1), expected / totalPairs));
    if (Math.abs(next - prior) <= prior * 1e-6) return next;
    prior = next;
  }
  return prior;
}

/** The weight of each level in bits: log2(m / u). */
export function weightsOf(parameters: Parameters): number[][] {
  return parameters.m.map((row, k) => row.map((m, l) => Math.log2(m / ((parameters.u[k] as readonly number[])[l] as number))));
}

// The evidence of a pair's levels in bits, without the prior.
function bitsOf(levels: readonly number[], parameters: Parameters): number {
  let bits = 0;
  for (let k = 0; k < levels.length; k++) {
    const level = (levels[k] as number);
    if (level >= 0) bits += Math.log2(((parameters.m[k] as readonly number[])[level] as number) / ((parameters.u[k] as readonly number[])[level] as number));
  }
  return bits;
}

/** The probability that a pair with these levels is a duplicate. */
export function matchProbability(levels: readonly number[], parameters: Parameters): number {
  const bits = Math.log2(parameters.prior / (1 - parameters.prior)) + bitsOf(levels, parameters);
  return 1 / (1 + 2 ** -bits);
}
