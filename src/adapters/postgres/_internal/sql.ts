// Building statements: identifiers always quoted, values always parameters.

/** An identifier, quoted: `"a""b"` for `a"b`. Field codes, schema and table names only. */
export function quoted(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

/** A statement's parameters, numbered as they are added. */
export class Params {
  readonly values: (string | null)[] = [];

  /** Adds a value and returns its placeholder (`$n`). */
  add(value: string | null): string {
    this.values.push(value);
    return `$${String(this.values.length)}`;
  }

  /** Adds a list as one JSON parameter and returns the SQL of a `text[]` holding it. */
  texts(values: readonly string[]): string {
    return `ARRAY(SELECT jsonb_array_elements_text(${this.add(JSON.stringify(values))}::jsonb))`;
  }
}

/** Text as a `LIKE` pattern matches it literally (with `\` as the escape character). */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}
