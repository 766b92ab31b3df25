// bench/money: 1,000,000 amounts in 5 currencies, each parsed, converted into the report currency
// with the dated 6-decimal rate of its day (a cross rate through the base), rounded half-even and
// summed. The reference is the same workload written plainly with decimal.js.
import Decimal from 'decimal.js';
import { convertMoney, createRateTable, money, sumMoney } from 'crm-kit';
import type { CalendarDate, ExchangeRateInput, Money } from 'crm-kit';
import { report, seededRandom, timePair } from './_harness.js';

const ROWS = Number(process.env.ROWS ?? 1_000_000);
const random = seededRandom(20261127);

const BASE = 'EUR';
const REPORT = 'USD';
const SOURCES = ['EUR', 'USD', 'GBP', 'JPY', 'CHF'] as const;
const AROUND: Record<string, [number, number]> = { USD: [0.92, 1], GBP: [1.17, 1], JPY: [0.61, 100], CHF: [1.04, 1] };
const DAYS: CalendarDate[] = Array.from({ length: 12 }, (_, m) => `2026-${String(m + 1).padStart(2, '0')}-01` as CalendarDate);

// Monthly rates with 6 decimals; JPY is quoted per 100 units.
const rateInputs: ExchangeRateInput[] = Object.entries(AROUND).flatMap(([currency, [around, nominal]]) =>
  DAYS.map((from) => ({ currency, nominal, from, amount: (around * (0.95 + random() * 0.1)).toFixed(6) })),
);
const table = createRateTable({ base: BASE, rates: rateInputs });

const texts: string[] = [];
const currencies: string[] = [];
const days: CalendarDate[] = [];
for (let i = 0; i < ROWS; i++) {
  const currency = SOURCES[i % SOURCES.length] ?? 'EUR';
  const cents = Math.floor(random() * 10_000_000);
  texts.push(currency === 'JPY' ? String(cents) : (cents / 100).toFixed(2));
  currencies.push(currency);
  days.push(`2026-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}` as CalendarDate);
}

function* converted(out?: string[]): Generator<Money> {
  for (let i = 0; i < ROWS; i++) {
    const m = convertMoney(money(texts[i] ?? '', currencies[i] ?? ''), REPORT, table, { on: days[i] ?? '2026-01-01', round: 'halfEven' });
    if (out) out[i] = m.amount;
    yield m;
  }
}
function withCrmKit(out?: string[]): Money {
  return sumMoney(converted(out), REPORT);
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
function withDecimalJs(out?: string[]): Decimal {
  let total = new Decimal(0);
  const into = plainRate(REPORT, '2026-01-01');
  for (let i = 0; i < ROWS; i++) {
    const day = days[i] ?? '';
    const from = plainRate(currencies[i] ?? '', day);
    const to = day >= '2026-01-01' ? plainRate(REPORT, day) : into;
    const converted = new Decimal(texts[i] ?? '')
      .times(from.rate)
      .times(to.nominal)
      .div(from.nominal.times(to.rate))
      .toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN);
    if (out) out[i] = converted.toFixed(2);
    total = total.plus(converted);
  }
  return total;
}

// Same results first, item by item, then the timings.
const ours: string[] = [];
const theirs: string[] = [];
const ourTotal = withCrmKit(ours);
const theirTotal = withDecimalJs(theirs);
let differences = 0;
for (let i = 0; i < ROWS; i++) if (ours[i] !== theirs[i]) differences++;
if (differences > 0 || ourTotal.amount !== theirTotal.toFixed(2)) {
  console.error(`results differ: ${differences} items; totals ${ourTotal.amount} vs ${theirTotal.toFixed(2)}`);
  process.exit(1);
}
console.log(`identical results: ${ROWS.toLocaleString('en-US')} converted amounts and the total ${ourTotal.amount} ${REPORT}`);

const runs = Number(process.env.RUNS ?? 5);
const [subject, reference] = timePair(
  { label: 'crm-kit money, convertMoney, sumMoney', run: () => withCrmKit() },
  { label: 'decimal.js, written plainly', run: () => withDecimalJs() },
  runs,
);
report(`money: parse, convert (dated cross rates), round half-even, sum — ${ROWS.toLocaleString('en-US')} rows`, ROWS, subject, reference);
