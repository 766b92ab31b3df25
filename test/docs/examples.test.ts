import { readdirSync, readFileSync } from 'node:fs';
import * as crmKit from 'crm-kit';
import * as crmKitMemory from 'crm-kit/memory';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Every example of the guides in docs/ and of the TSDoc in src/ is run: `expr; //=> value` must
// hold and `expr; // throws … CODE` must throw a crm-kit error with that code. Lines that only
// illustrate say so with a plain comment (`// the current instant`). The exports of `crm-kit` and
// `crm-kit/memory` are in scope, and an example may `await` (an awaited call that should fail is
// written `await expr; // throws CODE`).
const ROOT = new URL('../../', import.meta.url);
const SOURCES: readonly string[] = [
  'README.md',
  ...readdirSync(new URL('docs/', ROOT))
    .filter((file) => file.endsWith('.md'))
    .map((file) => `docs/${file}`),
  ...readdirSync(new URL('src/', ROOT), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.includes('_internal'))
    .map((file) => `src/${file}`),
].sort();

const FENCE = /```ts\n([\s\S]*?)```/g;
const DOC_COMMENT = /\/\*\*([\s\S]*?)\*\//g;
const RESULT = /^(\s*)(.+?);\s*\/\/=>\s*(.+)$/;
const RESULT_BELOW = /^\s*\/\/=>\s*(.+)$/;
const STATEMENT = /^(\s*)(.+?);\s*$/;
const THROWS = /^(\s*)(.+?);\s*\/\/ throws\b(.*)$/;
const CODES: ReadonlySet<string> = new Set(crmKit.CRM_ERROR_CODES);

/** The error code a `// throws …` comment names: the first word of it that is a crm-kit code. */
function thrownCode(comment: string): string {
  const code = comment.split(/[^A-Z_]+/).find((word) => CODES.has(word));
  if (code === undefined) throw new Error(`"// throws${comment}" names no crm-kit error code`);
  return code;
}

function examplesOf(path: string): string[] {
  const text = readFileSync(new URL(path, ROOT), 'utf8');
  const prose = path.endsWith('.ts')
    ? [...text.matchAll(DOC_COMMENT)].map(([, body = '']) => body.replace(/^[ \t]*\* ?/gm, '')).join('\n')
    : text;
  return [...prose.matchAll(FENCE)].map(([, code = '']) => code);
}

function toScript(example: string): string {
  const lines: string[] = [];
  // The crm-kit exports are in scope already; imports of them (on one line or several) go.
  for (const line of example.replace(/^import\b[^;]*?from 'crm-kit(\/memory)?';$/gm, '').split('\n')) {
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
  return ts.transpileModule(lines.join('\n'), { compilerOptions: { target: ts.ScriptTarget.ES2022 } }).outputText;
}

const api = { ...crmKit, ...crmKitMemory } as Readonly<Record<string, unknown>>;
const names = Object.keys(api);

async function run(example: string): Promise<void> {
  let checks = 0;
  const equal = (actual: unknown, expected: unknown): void => {
    checks += 1;
    expect(actual).toStrictEqual(expected);
  };
  const isCode = (error: unknown, code: string): void => {
    expect(crmKit.isCrmError(error, code as crmKit.CrmErrorCode)).toBe(true);
  };
  // A synchronous action is checked synchronously; an async one (from `await …; // throws`) is awaited.
  const throws = (action: () => unknown, code: string): Promise<void> | undefined => {
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
  const body = new Function('__api', '__equal', '__throws', `return (async () => { const { ${names.join(', ')} } = __api;\n${toScript(example)}\n})();`) as (
    api: unknown,
    equalTo: typeof equal,
    throwing: typeof throws,
  ) => Promise<void>;
  await body(api, equal, throws);
  expect(checks).toBeGreaterThan(0);
}

const checked = SOURCES.map((path) => [path, examplesOf(path).filter((e) => e.includes('//=>') || e.includes('// throws'))] as const);

it('every guide has examples that are checked', () => {
  const guides = checked.filter(([path]) => path.startsWith('docs/') && path !== 'docs/README.md');
  expect(guides.filter(([, examples]) => examples.length === 0).map(([path]) => path)).toEqual([]);
});

describe.each(checked.filter(([, examples]) => examples.length > 0))('examples in %s', (_path, examples) => {
  it.each(examples.map((example, index) => [index + 1, example] as const))('example %i gives what it says', async (_n, example) => {
    await run(example);
  });
});
