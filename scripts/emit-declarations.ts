// Writes one .d.ts per src/ module into dist/, file by file, without type checking: with
// isolatedDeclarations on (tsconfig.build.json) each declaration follows from its own file's text,
// which is what `tsc` would emit after checking the whole program (`npm run typecheck` checks it).
import ts from 'typescript';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.build.json'), {}, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
    throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
  },
});
if (config === undefined) throw new Error('cannot read tsconfig.build.json');

const src = join(root, 'src');
const problems: string[] = [];
let written = 0;
for (const fileName of config.fileNames) {
  const output = ts.transpileDeclaration(readFileSync(fileName, 'utf8'), {
    fileName,
    compilerOptions: config.options,
    reportDiagnostics: true,
  });
  for (const diagnostic of output.diagnostics ?? []) {
    const at = diagnostic.start === undefined || diagnostic.file === undefined ? '' : `(${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1})`;
    problems.push(`${relative(root, fileName)}${at}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`);
  }
  const target = join(root, 'dist', relative(src, fileName)).replace(/\.ts$/, '.d.ts');
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, output.outputText);
  written++;
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`${written} declaration files in dist/`);
