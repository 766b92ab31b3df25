import fc from 'fast-check';

// CI replays one fixed seed so that a red run can be reproduced; locally every run explores new cases.
// Either way fast-check prints the seed and the shrunk counterexample in the failure message.
const inCi = process.env.CI !== undefined && !['', '0', 'false'].includes(process.env.CI.toLowerCase());
const seed = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : inCi ? 20261127 : undefined;
fc.configureGlobal({ ...(seed === undefined ? {} : { seed }), numRuns: Number(process.env.FC_NUM_RUNS ?? 200) });
