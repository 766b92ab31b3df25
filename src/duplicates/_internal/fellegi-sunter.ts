/* eslint-disable @typescript-eslint/non-nullable-type-assertion-style -- `!` is forbidden here, and `?? 0` would turn a wrong index into a silent zero: hot loops read in-bounds indexes as `as number`. */
// The Fellegi-Sunter model: each criterion's level of agreement is evidence, weighed by how much
// more often that level occurs between duplicates (m) than between unrelated records (u); the
// weights add up to a match probability. u comes from random pairs, m from expectation
// maximisation over the candidate pairs (as Splink does), both starting from the comparators'
// priors, which also act as pseudo-counts so that a small input keeps sensible weights.

import type { CompiledCriterion } from './compile-criteria.js';

/** The m and u of each level of each criterion, and the share of duplicates among candidate pairs. */
export interface Parameters {
  readonly prior: number;
  readonly m: readonly (readonly number[])[];
  readonly u: readonly (readonly number[])[];
}

/** A comparison pattern: criterion k's level plus one in hexadecimal digit k (0 for no evidence). */
export type Pattern = number;

const DIGIT = 16;
const PSEUDO_PAIRS = 10;
const MAX_ITERATIONS = 60;
const CLOSE_ENOUGH = 1e-7;
const SMALLEST = 1e-6;
// Blocking proposes pairs that share a key; when most of them look alike on everything, EM can
// explain them all as duplicates. More than half of the candidates being duplicates is not a scan.
const MAX_PRIOR = 0.5;

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

/** u per level, from the patterns of random pairs, with the priors as pseudo-counts. */
export function estimateU(criteria: readonly CompiledCriterion[], random: ReadonlyMap<Pattern, number>, start: Parameters): number[][] {
  return criteria.map((criterion, k) => {
    const counts = criterion.rule.levels.map((_, l) => PSEUDO_PAIRS * (start.u[k]?.[l] ?? 0));
    for (const [pattern, count] of random) {
      const level = levelOf(pattern, k);
      if (level >= 0) counts[level] = (counts[level] as number) + count;
    }
    return normalised(counts);
  });
}

function normalised(counts: readonly number[]): number[] {
  const total = counts.reduce((sum, count) => sum + count, 0);
  return counts.map((count) => Math.max(SMALLEST, count / total));
}

/**
 * m and the prior by expectation maximisation over the candidate pairs' patterns, u held fixed.
 */
export function estimateM(criteria: readonly CompiledCriterion[], candidates: ReadonlyMap<Pattern, number>, start: Parameters, u: readonly (readonly number[])[]): Parameters {
  const patterns = [...candidates.keys()];
  const counts = patterns.map((pattern) => (candidates.get(pattern) as number));
  const levels = patterns.map((pattern) => criteria.map((_, k) => levelOf(pattern, k)));
  const total = counts.reduce((sum, count) => sum + count, 0);
  let m = start.m.map((row) => [...row]);
  let prior = start.prior;
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    const sums = criteria.map((criterion, k) => criterion.rule.levels.map((_, l) => PSEUDO_PAIRS * (start.m[k]?.[l] ?? 0)));
    let matches = 0;
    for (let p = 0; p < patterns.length; p++) {
      const probability = matchProbability(levels[p] as number[], { prior, m, u });
      const weight = probability * (counts[p] as number);
      matches += weight;
      const row = (levels[p] as number[]);
      for (let k = 0; k < row.length; k++) {
        const level = (row[k] as number);
        if (level >= 0) (sums[k] as number[])[level] = ((sums[k] as number[])[level] as number) + weight;
      }
    }
    const next = sums.map(normalised);
    const nextPrior = Math.min(MAX_PRIOR, Math.max(SMALLEST, (matches + PSEUDO_PAIRS * start.prior) / (total + PSEUDO_PAIRS)));
    const change = Math.abs(nextPrior - prior) + next.reduce((sum, row, k) => sum + row.reduce((inner, value, l) => inner + Math.abs(value - ((m[k] as number[])[l] as number)), 0), 0);
    m = next;
    prior = nextPrior;
    if (change < CLOSE_ENOUGH) break;
  }
  return { prior, m, u };
}

/** The weight of each level in bits: log2(m / u). */
export function weightsOf(parameters: Parameters): number[][] {
  return parameters.m.map((row, k) => row.map((m, l) => Math.log2(m / ((parameters.u[k] as readonly number[])[l] as number))));
}

/** The probability that a pair with these levels is a duplicate. */
export function matchProbability(levels: readonly number[], parameters: Parameters): number {
  let bits = Math.log2(parameters.prior / (1 - parameters.prior));
  for (let k = 0; k < levels.length; k++) {
    const level = (levels[k] as number);
    if (level >= 0) bits += Math.log2(((parameters.m[k] as readonly number[])[level] as number) / ((parameters.u[k] as readonly number[])[level] as number));
  }
  return 1 / (1 + 2 ** -bits);
}
