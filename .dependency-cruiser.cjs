// Module layering of ARCHITECTURE.md §2: dependencies flow left to right only, modules meet at their
// index.ts faces, and src/ has no import cycles.
const layers = [
  ['kernel'],
  ['money', 'names'],
  ['fields'],
  ['access'],
  ['entities'],
  ['pipelines'],
  ['records'],
  ['conversion', 'duplicates', 'reports', 'intake'],
  ['store'],
  ['crm'],
  ['csv', 'adapters', 'testing'],
  ['cli'],
];

const layeringRules = layers.flatMap((modules, level) => {
  const later = layers.slice(level + 1).flat();
  const peers = modules.length > 1 ? modules : [];
  return modules.map((mod) => ({
    name: `layering-${mod}`,
    comment: `${mod} may import only from modules to its left in ARCHITECTURE.md §2`,
    severity: 'error',
    from: { path: `^src/${mod}/` },
    to: { path: `^src/(${[...later, ...peers.filter((p) => p !== mod)].join('|') || '$^'})/` },
  }));
});

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: { path: '^src/' }, to: { circular: true } },
    {
      name: 'through-the-face',
      comment: 'another module is reached only through its index.ts',
      severity: 'error',
      from: { path: '^src/([^/]+)/' },
      to: { path: '^src/[^/]+/.+', pathNot: ['^src/$1/', '^src/[^/]+/index\\.ts$', '^src/adapters/[^/]+/index\\.ts$'] },
    },
    {
      name: 'no-private-internals',
      comment: "a module's _internal folder is private to it",
      severity: 'error',
      from: { path: '^src/([^/]+)/' },
      to: { path: '_internal/', pathNot: '^src/$1/' },
    },
    {
      name: 'root-only-domain',
      comment: 'the root entry never pulls CSV or database code',
      severity: 'error',
      from: { path: '^src/index\\.ts$' },
      to: { path: '^src/(csv|adapters|testing)/' },
    },
    {
      name: 'cli-public-entries-only',
      comment: 'the command line is built on what a user of the package can import: crm-kit, crm-kit/csv, crm-kit/memory, crm-kit/postgres',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: { path: '^src/', pathNot: ['^src/cli/', '^src/index\\.ts$', '^src/csv/index\\.ts$', '^src/adapters/(memory|postgres)/index\\.ts$'] },
    },
    ...layeringRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.build.json' },
  },
};
