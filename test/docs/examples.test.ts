import { readdirSync, readFileSync } from 'node:fs';
import * as crmKit from 'crm-kit';
import * as crmKitCsv from 'crm-kit/csv';
import * as crmKitMemory from 'crm-kit/memory';
import * as crmKitPostgres from 'crm-kit/postgres';
import * as pglite from '@electric-sql/pglite';
import pg from 'pg';
import * as crmKitTesting from 'crm-kit/testing';
import * as fastCheck from 'fast-check';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { guideBlocks, guidePaths, type GuideBlock } from './guide-blocks.js';

// Every example of the guides (README.md, docs/*.md) and of the TSDoc in src/ is run:
// `expr; //=> value` must hold and `expr; // throws … CODE` must throw a crm-kit error with that
// code. Lines that only illustrate say so with a plain comment (`// the current instant`), and an
// example may `await` (an awaited call that should fail is written `await expr; // throws CODE`).
// A guide's block is a complete program (scripts/check-doc-programs.ts type-checks it): its
// imports are bound to the real modules and nothing else is in scope. A TSDoc example has the
// exports of `crm-kit`, `crm-kit/csv`, `crm-kit/memory` and `crm-kit/postgres` in scope, and its
// imports of them are dropped.
const ROOT = new URL('../../', import.meta.url);
const SOURCES: readonly string[] = readdirSync(new URL('src/', ROOT), { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts') && !file.includes('_internal'))
  .map((file) => `src/${file}`)
  .sort();

const FENCE = /```ts\n([\s\S]*?)```/g;
const DOC_COMMENT = /\/\*\*([\s\S]*?)\*\//g;
const RESULT = /^(\s*)(.+?);\s*\/\/=>\s*(.+)$/;
const RESULT_BELOW = /^\s*\/\/=>\s*(.+)$/;
const STATEMENT = /^(\s*)(.+?);\s*$/;
const THROWS = /^(\s*)(.+?);\s*\/\/ throws\b(.*)$/;
const CODES: ReadonlySet<string> = new Set(crmKit.CRM_ERROR_CODES);
// What a guide's program may import; a block that imports vitest is a test file for the reader's
// own runner (it registers tests), so it is type-checked but not run here.
const MODULES: Readonly<Record<string, unknown>> = {
  'crm-kit': crmKit,
  'crm-kit/csv': crmKitCsv,
  'crm-kit/memory': crmKitMemory,
  'crm-kit/postgres': crmKitPostgres,
  'crm-kit/testing': crmKitTesting,
  '@electric-sql/pglite': pglite,
  pg: { default: pg },
  'fast-check': fastCheck,
};
const IMPORTS_VITEST = /^import\b[^;]*?from 'vitest';$/m;

/** The error code a `// throws …` comment names: the first word of it that is a crm-kit code. */
function thrownCode(comment: string): string {
  const code = comment.split(/[^A-Z_]+/).find((word) => CODES.has(word));
  if (code === undefined) throw new Error(`"// throws${comment}" names no crm-kit error code`);
  return code;
}

function hasChecks(example: string): boolean {
  return example.includes('//=>') || example.includes('// throws');
}

function tsdocExamplesOf(path: string): string[] {
  const text = readFileSync(new URL(path, ROOT), 'utf8');
  const prose = [...text.matchAll(DOC_COMMENT)].map(([, body = '']) => body.replace(/^[ \t]*\* ?/gm, '')).join('\n');
  return [...prose.matchAll(FENCE)].map(([, code = '']) => code);
}

/** The example with its `//=>` and `// throws` lines turned into calls of `__equal` and `__throws`, compiled to JavaScript. */
function withChecks(example: string): string {
  const lines: string[] = [];
  for (const line of example.split('\n')) {
    const result = RESULT.exec(line);
    const below = RESULT_BELOW.exec(line);
    const throws = THROWS.exec(line);
    const previous = STATEMENT.exec(lines.at(-1) ?? '');
    if (result) lines.push(`${result[1] ?? ''}__equal((${result[2] ?? ''}), (${result[3] ?? ''}));`);
    else if (below && previous) lines[lines.length - 1] = `${previous[1] ?? ''}__equal((${previous[2] ?? ''}), (${below[1] ?? ''}));`;
    else if (throws) {
      const [indent = '', call = '', comment = ''] = throws.slice(1);
      const awaited = /^await\s/.test(call);
      lines.push(`${indent}${awaited ? 'await ' : ''}__throws(${awaited ? 'async ' : ''}() => { ${call}; }, '${thrownCode(comment)}');`);
    }
    else lines.push(line);
  }
  const compilerOptions = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext };
  return ts.transpileModule(lines.join('\n'), { compilerOptions }).outputText;
}

/**
 * A compiled program whose imports read `__import(specifier)` instead, and whose exports are plain
 * declarations, so that it runs as a function body. Type-only imports are already gone.
 */
function bindImports(script: string): string {
  const source = ts.createSourceFile('program.js', script, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  let bound = script;
  for (const statement of [...source.statements].reverse()) {
    const start = statement.getStart(source);
    if (ts.isImportDeclaration(statement)) {
      const from = `__import(${statement.moduleSpecifier.getText(source)})`;
      const clause = statement.importClause;
      const bindings = clause?.namedBindings;
      const parts = [clause === undefined ? `${from};` : ''];
      if (clause?.name) parts.push(`const ${clause.name.text} = ${from}.default;`);
      if (bindings && ts.isNamespaceImport(bindings)) parts.push(`const ${bindings.name.text} = ${from};`);
      if (bindings && ts.isNamedImports(bindings)) {
        const names = bindings.elements.map((element) => (element.propertyName ? `${element.propertyName.getText(source)}: ${element.name.text}` : element.name.text));
        parts.push(`const { ${names.join(', ')} } = ${from};`);
      }
      bound = `${bound.slice(0, start)}${parts.join(' ').trim()}${bound.slice(statement.end)}`;
    } else if (ts.isExportDeclaration(statement) || ts.isExportAssignment(statement)) {
      throw new Error('a guide program may export declarations, but not `export { … }` or `export default`');
    } else if (ts.canHaveModifiers(statement)) {
      const exported = ts.getModifiers(statement)?.find((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
      if (exported) bound = `${bound.slice(0, exported.getStart(source))}${bound.slice(exported.end)}`;
    }
  }
  return bound;
}

function importModule(specifier: string): unknown {
  const module = MODULES[specifier];
  if (module === undefined) throw new Error(`a guide program imports '${specifier}', which the runner does not provide`);
  return module;
}

const api = { ...crmKit, ...crmKitCsv, ...crmKitMemory, ...crmKitPostgres } as Readonly<Record<string, unknown>>;
const names = Object.keys(api);

type Equal = (actual: unknown, expected: unknown) => void;
type Throws = (action: () => unknown, code: string) => Promise<void> | undefined;

/** Runs a function body that may await, given `__equal` and `__throws`, and answers how many checks it made. */
async function run(parameters: readonly string[], body: string, values: readonly unknown[]): Promise<number> {
  let checks = 0;
  const equal: Equal = (actual, expected) => {
    checks += 1;
    expect(actual).toStrictEqual(expected);
  };
  const isCode = (error: unknown, code: string): void => {
    expect(crmKit.isCrmError(error, code as crmKit.CrmErrorCode)).toBe(true);
  };
  // A synchronous action is checked synchronously; an async one (from `await …; // throws`) is awaited.
  const throws: Throws = (action, code) => {
    checks += 1;
    let result: unknown;
    try {
      result = action();
    } catch (caught) {
      isCode(caught, code);
      return undefined;
    }
    if (result instanceof Promise) {
      return result.then(
        () => {
          isCode(undefined, code);
        },
        (caught: unknown) => {
          isCode(caught, code);
        },
      );
    }
    isCode(undefined, code);
    return undefined;
  };
  // The body is an async function, so examples may await; synchronous ones run the same.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- running documented examples is the point
  const program = new Function(...parameters, '__equal', '__throws', body) as (...values: unknown[]) => Promise<void>;
  await program(...values, equal, throws);
  return checks;
}

/**
 * A TSDoc example: the exports of `crm-kit`, `crm-kit/csv`, `crm-kit/memory` and `crm-kit/postgres`
 * are in scope, and imports of them go; other imports (a database driver) are bound as in a guide.
 */
async function runTsdocExample(example: string): Promise<number> {
  const script = bindImports(withChecks(example.replace(/^import\b[^;]*?from 'crm-kit(\/csv|\/memory|\/postgres)?';$/gm, '')));
  return run(['__api', '__import'], `return (async () => { const { ${names.join(', ')} } = __api;\n${script}\n})();`, [api, importModule]);
}

/** A guide's program: its imports are bound to the real modules, and it runs as the strict module it is. */
async function runGuideProgram(block: GuideBlock): Promise<number> {
  return run(['__import'], `'use strict';\nreturn (async () => {\n${bindImports(withChecks(block.code))}\n})();`, [importModule]);
}

const guides = guidePaths().map((path) => [path, guideBlocks(path).filter((block) => !block.fragment)] as const);
const tsdoc = SOURCES.map((path) => [path, tsdocExamplesOf(path).filter(hasChecks)] as const);

it('every guide has examples that are checked', () => {
  const unchecked = guides.filter(([path, blocks]) => path.startsWith('docs/') && path !== 'docs/README.md' && !blocks.some((block) => hasChecks(block.code)));
  expect(unchecked.map(([path]) => path)).toEqual([]);
});

describe.each(guides.filter(([, blocks]) => blocks.some((block) => !IMPORTS_VITEST.test(block.code))))('programs in %s', (_path, blocks) => {
  const runnable = blocks.filter((block) => !IMPORTS_VITEST.test(block.code));
  it.each(runnable.map((block) => [block.line, block] as const))('the program at line %i runs and gives what it says', async (_line, block) => {
    const checks = await runGuideProgram(block);
    if (hasChecks(block.code)) expect(checks).toBeGreaterThan(0);
    // A program that starts PGlite (WebAssembly, compiled on first use) can take seconds on a busy machine.
  }, 30_000);
});

describe.each(tsdoc.filter(([, examples]) => examples.length > 0))('examples in %s', (_path, examples) => {
  it.each(examples.map((example, index) => [index + 1, example] as const))('example %i gives what it says', async (_n, example) => {
    expect(await runTsdocExample(example)).toBeGreaterThan(0);
    // As for the guides: an example that starts PGlite can take seconds while other files run beside it.
  }, 30_000);
});
