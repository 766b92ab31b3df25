// bench/patterns: ordinary custom-field patterns (a ZIP code, an e-mail address, a phone number, an
// IPv4 address), each tested against 200,000 values (about a fifth of them not matching) with
// crm-kit's linear-time matcher and, as the reference, the native backtracking RegExp
// `^(?:pattern)$` with the `u` flag, in the same process. The linear matcher may be slower on such
// benign values; this says by how much. (On hostile values the native engine can take minutes.)
import { checkPattern, matchesPattern } from '../src/fields/_internal/safe-pattern.js';
import { MAX_PATTERN_TEXT_LENGTH } from 'crm-kit';
import { numberOption, report, seededRandom, timePair } from './_harness.js';

const VALUES = numberOption('values', 200_000);
const RUNS = numberOption('runs', 5);
const random = seededRandom(20261127);

const pick = (alphabet: string, min: number, max: number): string => {
  const length = min + Math.floor(random() * (max - min + 1));
  let text = '';
  for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)] ?? '';
  return text;
};
const DIGITS = '0123456789';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const spoil = (value: string): string => {
  const at = Math.floor(random() * value.length);
  return value.slice(0, at) + (random() < 0.5 ? ' ' : '') + value.slice(at + 1);
};

const WORKLOADS: readonly { name: string; pattern: string; value: () => string }[] = [
  { name: 'US ZIP code', pattern: '\\d{5}(-\\d{4})?', value: () => (random() < 0.5 ? pick(DIGITS, 5, 5) : `${pick(DIGITS, 5, 5)}-${pick(DIGITS, 4, 4)}`) },
  {
    name: 'e-mail address',
    pattern: '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}',
    value: () => `${pick(`${LOWER}${DIGITS}._`, 3, 20)}@${pick(LOWER, 3, 12)}.${pick(LOWER, 2, 4)}`,
  },
  {
    name: 'phone number',
    pattern: '\\+?[0-9]{1,3}[ -]?(\\([0-9]{1,4}\\)[ -]?)?[0-9]{2,4}([ -]?[0-9]{2,4}){1,3}',
    value: () => `+${pick(DIGITS, 1, 3)} ${pick(DIGITS, 3, 3)} ${pick(DIGITS, 3, 3)} ${pick(DIGITS, 3, 3)}`,
  },
  { name: 'IPv4 address', pattern: '[0-9]{1,3}(\\.[0-9]{1,3}){3}', value: () => Array.from({ length: 4 }, () => String(Math.floor(random() * 256))).join('.') },
];

for (const { name, pattern, value } of WORKLOADS) {
  const checked = checkPattern(pattern, MAX_PATTERN_TEXT_LENGTH);
  if (!checked.ok) {
    console.error(`${name}: the pattern ${checked.reason}`);
    process.exit(1);
  }
  const { program } = checked;
  const native = new RegExp(`^(?:${pattern})$`, 'u');
  const values = Array.from({ length: VALUES }, () => (random() < 0.2 ? spoil(value()) : value()));

  // Same answers first, value by value, then the timings.
  let matching = 0;
  for (const text of values) {
    const ours = matchesPattern(program, text);
    if (ours !== native.test(text)) {
      console.error(`${name}: the matchers disagree on a value`);
      process.exit(1);
    }
    if (ours) matching++;
  }
  const count = (test: (text: string) => boolean): number => {
    let n = 0;
    for (const text of values) if (test(text)) n++;
    return n;
  };
  console.log(`\n${name} /${pattern}/: identical answers on ${VALUES.toLocaleString('en-US')} values (${matching.toLocaleString('en-US')} match), program of ${program.size} steps`);
  const [subject, reference] = timePair(
    { label: 'crm-kit linear matcher', run: () => count((text) => matchesPattern(program, text)) },
    { label: 'native RegExp (backtracking)', run: () => count((text) => native.test(text)) },
    RUNS,
  );
  report(`patterns: ${name}, ${VALUES.toLocaleString('en-US')} values`, VALUES, subject, reference, { unit: 'values', ratio: 'cost' });
}
