import { readdirSync, readFileSync } from 'node:fs';
import * as crmKit from 'crm-kit';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Every example of the guides in docs/ and of the TSDoc in src/ is run: `expr; //=> value` must
// hold and `expr; // throws … CODE` must throw a crm-kit error with that code. Lines that only
// illustrate say so with a plain comment (`// the current instant`).
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
  for (const line of example.replace(/^import\b[^;]*?from 'crm-kit';$/gm, '').split('\n')) {
    const result = RESULT.exec(line);
    const below = RESULT_BELOW.exec(line);
    const throws = THROWS.exec(line);
    const previous = STATEMENT.exec(lines.at(-1) ?? '');
    if (result) lines.push(`${result[1] ?? ''}__equal((${result[2] ?? ''}), (${result[3] ?? ''}));`);
    else if (below && previous) lines[lines.length - 1] = `${previous[1] ?? ''}__equal((${previous[2] ?? ''}), (${below[1] ?? ''}));`;
    else if (throws) lines.push(`${throws[1] ?? ''}__throws(() => { ${throws[2] ?? ''}; }, '${thrownCode(throws[3] ?? '')}');`);
    else lines.push(line);
  }
  return ts.transpileModule(lines.join('\n'), { compilerOptions: { target: ts.ScriptTarget.ES2022 } }).outputText;
}

const api = crmKit as Readonly<Record<string, unknown>>;
const names = Object.keys(api);

function run(example: string): void {
  let checks = 0;
  const equal = (actual: unknown, expected: unknown): void => {
    checks += 1;
    expect(actual).toStrictEqual(expected);
  };
  const throws = (action: () => void, code: string): void => {
    checks += 1;
    let error: unknown;
    try {
      action();
    } catch (caught) {
      error = caught;
    }
    expect(crmKit.isCrmError(error, code as crmKit.CrmErrorCode)).toBe(true);
  };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- running documented examples is the point
  const body = new Function('__api', '__equal', '__throws', `const { ${names.join(', ')} } = __api;\n${toScript(example)}`) as (
    api: unknown,
    equalTo: typeof equal,
    throwing: typeof throws,
  ) => void;
  body(api, equal, throws);
  expect(checks).toBeGreaterThan(0);
}

const checked = SOURCES.map((path) => [path, examplesOf(path).filter((e) => e.includes('//=>') || e.includes('// throws'))] as const);

it('every guide has examples that are checked', () => {
  const guides = checked.filter(([path]) => path.startsWith('docs/') && path !== 'docs/README.md');
  expect(guides.filter(([, examples]) => examples.length === 0).map(([path]) => path)).toEqual([]);
});

describe.each(checked.filter(([, examples]) => examples.length > 0))('examples in %s', (_path, examples) => {
  it.each(examples.map((example, index) => [index + 1, example] as const))('example %i gives what it says', (_n, example) => {
    run(example);
  });
});
