/**
 * Values no public function expects, for bad-input tests: every JavaScript kind, objects that
 * pretend to be something else, and awkward text. Modules add their own near-misses to it.
 */
export const JUNK: readonly unknown[] = [
  undefined,
  null,
  0,
  -1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  12n,
  true,
  Symbol('junk'),
  {},
  Object.create(null) as unknown,
  [],
  new Date(0),
  '',
  ' ',
  '\u0000',
  '__proto__',
  'constructor',
  'toString',
  'x'.repeat(300),
];
