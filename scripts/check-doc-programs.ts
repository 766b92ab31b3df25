// Every ```ts block of README.md and docs/*.md is a complete program: each one is written to
// node_modules/.cache/doc-programs/ and all of them are type-checked in one program under the
// project's strict tsconfig.json, with `crm-kit`, `crm-kit/csv`, `crm-kit/memory` and `crm-kit/testing` resolved to
// src/. Errors point at the guide and its line. Blocks fenced ```ts fragment are left out.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import ts from 'typescript';
import { GUIDE_MODULES, guideBlocks, guidePaths, type GuideBlock } from '../test/docs/guide-blocks.js';

const OUT = new URL('../node_modules/.cache/doc-programs/', import.meta.url);
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

const problems: string[] = [];
const programs = new Map<string, GuideBlock>();
let fragments = 0;
for (const path of guidePaths()) {
  for (const block of guideBlocks(path)) {
    if (block.fragment) {
      fragments++;
      // A fragment is never run, so a check in it would silently check nothing.
      if (/\/\/=>|\/\/ throws\b/.test(block.code)) problems.push(`${path}:${block.line - 1}: a fragment cannot hold //=> or // throws checks`);
      continue;
    }
    const file = new URL(`${path.replace(/\W/g, '_')}_${block.line}.ts`, OUT);
    writeFileSync(file, block.code);
    programs.set(file.pathname, block);
  }
}

// The blocks are modules even before they import anything, so their names never meet.
writeFileSync(
  new URL('tsconfig.json', OUT),
  JSON.stringify({ extends: '../../../tsconfig.json', compilerOptions: { moduleDetection: 'force' }, include: ['*.ts'] }, null, 2),
);
const config = ts.getParsedCommandLineOfConfigFile(new URL('tsconfig.json', OUT).pathname, {}, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
    throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
  },
});
if (config === undefined) throw new Error('cannot read the doc programs tsconfig.json');
const program = ts.createProgram(config.fileNames, config.options);

/** Where a diagnostic is, in the guide for a block and relative to the repository otherwise. */
function where(file: ts.SourceFile | undefined, start: number | undefined): string {
  if (file === undefined) return 'tsconfig';
  const { line, character } = file.getLineAndCharacterOfPosition(start ?? 0);
  const block = programs.get(file.fileName);
  if (block === undefined) return `${relative(process.cwd(), file.fileName)}:${line + 1}:${character + 1}`;
  return `${block.path}:${block.line + line}:${character + 1}`;
}

for (const diagnostic of [...config.errors, ...ts.getPreEmitDiagnostics(program)]) {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n  ');
  problems.push(`${where(diagnostic.file, diagnostic.start)} - error TS${diagnostic.code}: ${message}`);
}

// A program imports only what a reader of the guides has: crm-kit, its subpaths and the test tools.
for (const [fileName, block] of programs) {
  const source = program.getSourceFile(fileName);
  for (const statement of source?.statements ?? []) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    if (!GUIDE_MODULES.includes(statement.moduleSpecifier.text)) {
      problems.push(`${where(source, statement.getStart())} - imports '${statement.moduleSpecifier.text}', which is not one of ${GUIDE_MODULES.join(', ')}`);
    }
  }
  if (source === undefined) problems.push(`${block.path}:${block.line}: not compiled`);
  // A block of comments alone is a fragment in disguise: nothing in it would be checked.
  else if (source.statements.length === 0) problems.push(`${block.path}:${block.line}: no code, only comments: write the program or fence it \`\`\`ts fragment`);
}

if (problems.length > 0) {
  console.error(problems.join('\n'));
  console.error(`\n${problems.length} problem(s) in ${programs.size} programs of the guides.`);
  process.exit(1);
}
console.log(`check:doc-programs: all ${programs.size} programs of the guides type-check (${fragments} fragments left out).`);
