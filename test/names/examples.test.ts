import { readFileSync } from 'node:fs';
import * as crmKit from 'crm-kit';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The examples of the guide and of the TSDoc are run: `expr; //=> value` must hold and
// `expr; // throws … CODE` must throw a crm-kit error with that code.
const SOURCES = [
  'docs/names.md',
  'src/names/formats.ts',
  'src/names/format-person-name.ts',
  'src/names/split-full-name.ts',
] as const;

const FENCE = /```ts\n([\s\S]*?)```/g;
const DOC_COMMENT = /\/\*\*([\s\S]*?)\*\//g;
const RESULT = /^(\s*)(.+?);\s*\/\/=>\s*(.+)$/;
const THROWS = /^(\s*)(.+?);\s*\/\/ throws\b.*?\b([A-Z][A-Z_]{2,})\s*$/;

function examplesOf(path: string): string[] {
  const text = readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
  const prose = path.endsWith('.ts')
    ? [...text.matchAll(DOC_COMMENT)].map(([, body = '']) => body.replace(/^[ \t]*\* ?/gm, '')).join('\n')
    : text;
  return [...prose.matchAll(FENCE)].map(([, code = '']) => code);
}

function toScript(example: string): string {
  const lines = example.split('\n').map((line) => {
    if (/^import\b.*from 'crm-kit';$/.test(line)) return '';
    const result = RESULT.exec(line);
    if (result) return `${result[1] ?? ''}__equal((${result[2] ?? ''}), (${result[3] ?? ''}));`;
    const throws = THROWS.exec(line);
    if (throws) return `${throws[1] ?? ''}__throws(() => { ${throws[2] ?? ''}; }, '${throws[3] ?? ''}');`;
    return line;
  });
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

describe.each(SOURCES)('examples in %s', (path) => {
  const examples = examplesOf(path).filter((example) => example.includes('//=>') || example.includes('// throws'));

  it('has examples', () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  it.each(examples.map((example, index) => [index + 1, example] as const))('example %i gives what it says', (_n, example) => {
    run(example);
  });
});
