// npm run mutation -- <module>: mutation testing (StrykerJS) of src/<module>/** against that
// module's own tests only, so a module's score says what its tests pin. Not part of npm test: it
// takes minutes per module. Reports go to reports/mutation/<module>/ (git-ignored).
import { Stryker } from '@stryker-mutator/core';

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
  'adapters/memory': 'test/adapters/memory-*.test.ts',
};

type MutantResult = Awaited<ReturnType<Stryker['runMutationTest']>>[number];

const name = process.argv[2];
if (name === undefined || !Object.hasOwn(MODULES, name)) {
  console.error(`usage: npm run mutation -- <module>, where <module> is one of: ${Object.keys(MODULES).join(', ')}`);
  process.exit(2);
}
const reports = `reports/mutation/${name}`;
const results: MutantResult[] = await new Stryker({
  configFile: 'stryker.config.json',
  mutate: [`src/${name}/**/*.ts`],
  testFiles: [MODULES[name] ?? ''],
  htmlReporter: { fileName: `${reports}/index.html` },
  jsonReporter: { fileName: `${reports}/mutation.json` },
}).runMutationTest();

// Stryker's own score: killed and timed-out mutants over every valid one (no coverage counts as survived).
const count = (...statuses: MutantResult['status'][]): number => results.filter((r) => statuses.includes(r.status)).length;
const detected = count('Killed', 'Timeout');
const valid = detected + count('Survived', 'NoCoverage');
const score = valid === 0 ? 100 : (detected / valid) * 100;
console.log(`\n${name}: mutation score ${score.toFixed(2)} % (${detected} of ${valid} detected; ${count('Ignored')} ignored)`);
console.log(`report: ${reports}/index.html`);
