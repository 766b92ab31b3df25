// Runs every program in examples/ against the built package, resolving `crm-kit` exactly as a
// user's project would (through package.json "exports", not through source paths).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const examples = readdirSync(new URL('../examples/', import.meta.url))
  .filter((file) => file.endsWith('.ts'))
  .sort();
let failed = 0;
for (const file of examples) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', `examples/${file}`], {
    encoding: 'utf8',
    env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.dist.json' },
  });
  if (run.status === 0) console.log(`ok   examples/${file}`);
  else {
    failed++;
    console.log(`FAIL examples/${file} (exit ${run.status ?? 'signal'})\n${run.stdout}${run.stderr}`);
  }
}
console.log(`${examples.length - failed} passed, ${failed} failed`);
if (failed > 0 || examples.length === 0) process.exit(1);
