// bench/money: 1,000,000 amounts, each parsed, converted into the report currency with the dated
// 6-decimal rate of its day (a cross rate through the base), rounded half-even and summed, on
// three currency mixes: five currencies evenly (a fifth already in the report currency), half of
// the rows already in the report currency, and all of them. The reference is the same workload
// written plainly with decimal.js. `--workload <name>` runs one mix only (for profiling).
import Decimal from 'decimal.js';
import { convertMoney, createRateTable, money, sumMoney } from 'crm-kit';
import type { CalendarDate, ExchangeRateInput, Money } from 'crm-kit';
import { report, seededRandom, timePair } from './_harness.js';

const ROWS = Number(process.env.ROWS ?? 1_000_000);
const RUNS = Number(process.env.RUNS ?? 5);
const random = seededRandom(20261127);

const BASE = 'EUR';
const REPORT = 'USD';
const AROUND: Record<string, [number, number]> = { USD: [0.92, 1], GBP: [1.17, 1], JPY: [0.61, 100], CHF: [1.04, 1] };
const DAYS: CalendarDate[] = Array.from({ length: 12 }, (_, m) => `2026-${String(m + 1).padStart(2, '0')}-01` as CalendarDate);

// Monthly rates with 6 decimals; JPY is quoted per 100 units.
const rateInputs: ExchangeRateInput[] = Object.entries(AROUND).flatMap(([currency, [around, nominal]]) =>
  DAYS.map((from) => ({ currency, nominal, from, amount: (around * (0.95 + random() * 0.1)).toFixed(6) })),
);
const table = createRateTable({ base: BASE, rates: rateInputs });

interface Workload {
  readonly name: string;
  readonly title: string;
  readonly texts: readonly string[];
  readonly currencies: readonly string[];
  readonly days: readonly CalendarDate[];
}

/** `ROWS` rows whose currency `pick(i)` chooses, with random amounts and days. */
function workload(name: string, title: string, pick: (i: number) => string): Workload {
  const texts: string[] = [];
  const currencies: string[] = [];
  const days: CalendarDate[] = [];
  for (let i = 0; i < ROWS; i++) {
    const currency = pick(i);
    const cents = Math.floor(random() * 10_000_000);
    texts.push(currency === 'JPY' ? String(cents) : (cents / 100).toFixed(2));
    currencies.push(currency);
    days.push(`2026-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}` as CalendarDate);
  }
  return { name, title, texts, currencies, days };
}

const FIVE = ['EUR', 'USD', 'GBP', 'JPY', 'CHF'] as const;
const OTHERS = ['EUR', 'GBP', 'JPY', 'CHF'] as const;
const WORKLOADS: readonly Workload[] = [
  workload('five', 'five currencies evenly (1/5 already in USD)', (i) => FIVE[i % FIVE.length] ?? 'EUR'),
  workload('half', 'half the rows already in USD, the rest in four currencies', (i) => (i % 2 === 0 ? REPORT : (OTHERS[(i >> 1) % OTHERS.length] ?? 'EUR'))),
  workload('same', 'every row already in USD', () => REPORT),
];

function withCrmKit({ texts, currencies, days }: Workload, out?: string[]): Money {
  function* converted(): Generator<Money> {
    for (let i = 0; i < ROWS; i++) {
      const m = convertMoney(money(texts[i] ?? '', currencies[i] ?? ''), REPORT, table, { on: days[i] ?? '2026-01-01', round: 'halfEven' });
      if (out) out[i] = m.amount;
      yield m;
    }
  }
  return sumMoney(converted(), REPORT);
}

// The plain version: rates parsed once into Decimals, looked up by day, the same formula.
const plainRates = new Map<string, { from: string; rate: Decimal; nominal: Decimal }[]>(
  Object.entries(table.rates).map(([code, list]) => [code, list.map((r) => ({ from: r.from, rate: new Decimal(r.amount), nominal: new Decimal(r.nominal) }))]),
);
const ONE = { rate: new Decimal(1), nominal: new Decimal(1) };
function plainRate(code: string, day: string): { rate: Decimal; nominal: Decimal } {
  if (code === BASE) return ONE;
  const list = plainRates.get(code) ?? [];
  let found = list[0];
  for (const entry of list) if (entry.from <= day) found = entry;
  if (found === undefined) throw new Error('no rate');
  return found;
}
function withDecimalJs({ texts, currencies, days }: Workload, out?: string[]): Decimal {
  let total = new Decimal(0);
  for (let i = 0; i < ROWS; i++) {
    const day = days[i] ?? '';
    const code = currencies[i] ?? '';
    const amount = new Decimal(texts[i] ?? '');
    let converted: Decimal;
    // Written plainly, the same currency needs no rate either.
    if (code === REPORT) converted = amount.toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN);
    else {
      const from = plainRate(code, day);
      const to = plainRate(REPORT, day);
      converted = amount.times(from.rate).times(to.nominal).div(from.nominal.times(to.rate)).toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN);
    }
    if (out) out[i] = converted.toFixed(2);
    total = total.plus(converted);
  }
  return total;
}

const flag = process.argv.indexOf('--workload');
const only = flag < 0 ? undefined : process.argv[flag + 1];
const chosen = WORKLOADS.filter((w) => only === undefined || w.name === only);
if (chosen.length === 0) {
  console.error(`--workload is one of: ${WORKLOADS.map((w) => w.name).join(', ')}`);
  process.exit(2);
}

// Same results first, item by item, then the timings.
for (const w of chosen) {
  const ours: string[] = [];
  const theirs: string[] = [];
  const ourTotal = withCrmKit(w, ours);
  const theirTotal = withDecimalJs(w, theirs);
  let differences = 0;
  for (let i = 0; i < ROWS; i++) if (ours[i] !== theirs[i]) differences++;
  if (differences > 0 || ourTotal.amount !== theirTotal.toFixed(2)) {
    console.error(`${w.name}: results differ: ${differences} items; totals ${ourTotal.amount} vs ${theirTotal.toFixed(2)}`);
    process.exit(1);
  }
  console.log(`${w.name}: identical results: ${ROWS.toLocaleString('en-US')} converted amounts and the total ${ourTotal.amount} ${REPORT}`);
}

const ratios: string[] = [];
for (const w of chosen) {
  const [subject, reference] = timePair(
    { label: 'crm-kit money, convertMoney, sumMoney', run: () => withCrmKit(w) },
    { label: 'decimal.js, written plainly', run: () => withDecimalJs(w) },
    RUNS,
  );
  report(`money (${w.name}): ${w.title}; parse, convert (dated cross rates), round half-even, sum — ${ROWS.toLocaleString('en-US')} rows`, ROWS, subject, reference);
  ratios.push(`${w.name} ${(reference.medianMs / subject.medianMs).toFixed(2)}×`);
}
console.log(`\nratios (decimal.js median / crm-kit median): ${ratios.join(', ')}`);
