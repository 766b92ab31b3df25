// npm run mutation -- <module> [ranges]: mutation testing (StrykerJS) of src/<module>/** against that
// module's own tests only, so a module's score says what its tests pin. Not part of npm test: it
// takes many minutes per module. Reports go to reports/mutation/<module>/ (git-ignored); a rerun
// is incremental (add --force to retest every mutant; --ignore-static to skip the mutants that only
// run when a module loads, each of which reruns the module's whole suite).
import { rmSync, writeFileSync } from 'node:fs';
import { Stryker } from '@stryker-mutator/core';

type MutantResult = Awaited<ReturnType<Stryker['runMutationTest']>>[number];

// Each module's tests: test/<module>/, except the memory adapter, whose tests sit beside others'.
const MODULES: Readonly<Record<string, string>> = {
  kernel: 'test/kernel/**/*.test.ts',
  money: 'test/money/**/*.test.ts',
  names: 'test/names/**/*.test.ts',
  fields: 'test/fields/**/*.test.ts',
  access: 'test/access/**/*.test.ts',
  entities: 'test/entities/**/*.test.ts',
  pipelines: 'test/pipelines/**/*.test.ts',
  store: 'test/store/**/*.test.ts',
  crm: 'test/crm/**/*.test.ts',
  records: 'test/records/**/*.test.ts',
  conversion: 'test/conversion/**/*.test.ts',
  'adapters/memory': 'test/adapters/memory-*.test.ts',
};

// Data tables whose every entry is checked against an outside source by the module's tests: each
// of their thousands of static mutants would rerun the whole suite, for no new information.
const NOT_MUTATED: Readonly<Record<string, readonly string[]>> = {
  money: ['src/money/_internal/iso-4217.ts'],
};

const name = process.argv[2];
if (name === undefined || !Object.hasOwn(MODULES, name)) {
  console.error(`usage: npm run mutation -- <module>, where <module> is one of: ${Object.keys(MODULES).join(', ')}`);
  process.exit(2);
}

// The tests are chosen by a vitest config made for the run, not by Stryker's `testFiles`: with
// `testFiles`, Stryker 9.6 activates static mutants after their module has loaded and reports
// them all as survivors (stryker-js issue #6144).
// Further arguments narrow the run to files or line ranges of the module: src/names/formats.ts:10-20.
const ranges = process.argv.slice(3).filter((arg) => !arg.startsWith('--'));
if (ranges.some((range) => !range.startsWith(`src/${name}/`))) {
  console.error(`ranges must lie in src/${name}/, such as src/${name}/index.ts:1-10`);
  process.exit(2);
}
const slug = name.replace('/', '-');
const VITEST_CONFIG = `vitest.mutation.${slug}.config.js`;
writeFileSync(
  VITEST_CONFIG,
  `// Written by scripts/mutation.ts for one run; git-ignored.
import base from './vitest.config.ts';

// The module's own tests, in one project (the base config's projects would bring back every file).
export default { ...base, test: { ...base.test, projects: undefined, include: [${JSON.stringify(MODULES[name])}] } };
`,
);
// Each mutant reruns the tests that cover it: 25 cases per property test (a tenth of the default)
// keep a module's run within the hour on two cores. FC_NUM_RUNS overrides it.
process.env.FC_NUM_RUNS ??= '25';
const reports = `reports/mutation/${name}`;
let results: MutantResult[];
try {
  results = await new Stryker({
    configFile: 'stryker.config.json',
    mutate: ranges.length > 0 ? ranges : [`src/${name}/**/*.ts`, ...(NOT_MUTATED[name] ?? []).map((file) => `!${file}`)],
    vitest: { configFile: VITEST_CONFIG, related: false },
    // One sandbox folder per module, so that two modules can run at once.
    tempDirName: `.stryker-tmp-${slug}`,
    ignorePatterns: ['dist', 'coverage', 'docs/api', 'reports', '.stryker-tmp-*'],
    ignoreStatic: process.argv.includes('--ignore-static'),
    htmlReporter: { fileName: `${reports}/index.html` },
    jsonReporter: { fileName: `${reports}/mutation.json` },
    // Later runs retest only the mutants whose code or covering tests changed; --force retests all.
    incremental: true,
    incrementalFile: `${reports}/stryker-incremental.json`,
    force: process.argv.includes('--force'),
    ...(process.env.CONCURRENCY === undefined ? {} : { concurrency: Number(process.env.CONCURRENCY) }),
  }).runMutationTest();
} finally {
  rmSync(VITEST_CONFIG, { force: true });
}

// Stryker's own score: killed and timed-out mutants over every valid one (no coverage counts as survived).
const count = (...statuses: MutantResult['status'][]): number => results.filter((r) => statuses.includes(r.status)).length;
const detected = count('Killed', 'Timeout');
const valid = detected + count('Survived', 'NoCoverage');
const score = valid === 0 ? 100 : (detected / valid) * 100;
console.log(`\n${name}: mutation score ${score.toFixed(2)} % (${detected} of ${valid} detected; ${count('Ignored')} ignored)`);
console.log(`report: ${reports}/index.html`);
