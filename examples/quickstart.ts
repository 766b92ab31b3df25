// The crm-kit quick start: `npm run demo`. It imports from 'crm-kit' exactly as your code would.
import {
  allocateMoney,
  convertMoney,
  createRateTable,
  formatMoney,
  formatPersonName,
  isCrmError,
  money,
  NAME_FORMATS,
  parseMoney,
  roundMoney,
  sequentialIds,
  splitFullName,
  sumMoney,
} from 'crm-kit';

const line = (label: string, value: unknown): void => { console.log(`  ${label.padEnd(44)} ${String(value)}`); };

console.log('\n1. Money is exact data: a decimal string and an ISO 4217 code');
const price = money('1249.90', 'EUR');
line('money("1249.90", "EUR")', JSON.stringify(price));
line('money("1500", "JPY") (no minor units)', JSON.stringify(money('1500', 'JPY')));
line('money("2.5", "BHD") (three minor units)', JSON.stringify(money('2.5', 'BHD')));

console.log('\n2. Dated exchange rates, converted through the base currency');
const rates = createRateTable({
  base: 'EUR',
  rates: [
    { currency: 'USD', amount: '0.920000', from: '2026-01-01' },
    { currency: 'USD', amount: '0.950000', from: '2026-07-01' },
    { currency: 'JPY', amount: '0.600000', nominal: 100, from: '2026-01-01' },
  ],
});
const deal = money('12000.00', 'USD');
line('12,000.00 USD in EUR on 2026-03-15', convertMoney(deal, 'EUR', rates, { on: '2026-03-15' }).amount);
line('12,000.00 USD in EUR on 2026-09-15', convertMoney(deal, 'EUR', rates, { on: '2026-09-15' }).amount);
line('12,000.00 USD in JPY (cross rate)', convertMoney(deal, 'JPY', rates, { on: '2026-09-15' }).amount);
try {
  convertMoney(deal, 'EUR', rates, { on: '2025-12-31' });
} catch (error) {
  if (isCrmError(error, 'NO_RATE')) line('before the first rate', `${error.code}: ${error.message}`);
}

console.log('\n3. Allocation: shares that always add up to the whole');
const commission = money('1000.00', 'EUR');
const shares = allocateMoney(commission, [50, 30, 20, 0]);
line('1,000.00 EUR split 50/30/20/0', shares.map((s) => s.amount).join(' + '));
const thirds = allocateMoney(money('100.00', 'EUR'), [1, 1, 1]);
line('100.00 EUR in thirds', `${thirds.map((s) => s.amount).join(' + ')} = ${sumMoney(thirds, 'EUR').amount}`);
line('2.345 EUR rounded half-even', roundMoney(money('2.345', 'EUR'), { mode: 'halfEven' }).amount);

console.log('\n4. Formatting and parsing for people, per locale');
const total = money('-1234567.891', 'EUR');
for (const locale of ['es-ES', 'en-US', 'de-DE', 'ja-JP']) line(`formatMoney(…, "${locale}")`, formatMoney(total, locale));
line('parseMoney("1.234,50 €", es-ES)', JSON.stringify(parseMoney('1.234,50 €', 'EUR', { locale: 'es-ES' })));
const ambiguous = parseMoney('1,5', 'USD', { locale: 'en-US' });
line('parseMoney("1,5", en-US)', ambiguous.success ? ambiguous.data.amount : ambiguous.issues.map((i) => i.code).join(', '));

console.log('\n5. Person names');
const person = { honorific: 'Sra.', firstName: 'María', secondName: 'José', lastName: 'García López' };
for (const format of Object.values(NAME_FORMATS)) line(format, formatPersonName(person, format));
line('splitFullName("Juan García López")', JSON.stringify(splitFullName('Juan García López', NAME_FORMATS.firstLast)));
line('splitFullName("García López, Juan")', JSON.stringify(splitFullName('García López, Juan', NAME_FORMATS.firstLast)));

console.log('\n6. Identifiers: the parity allocator');
const writerA = sequentialIds({ step: 2, offset: 0 });
const writerB = sequentialIds({ step: 2, offset: 1 });
line('writer A (even), writer B (odd)', `${[1, 2, 3].map(() => writerA.next('deal')).join(', ')} | ${[1, 2, 3].map(() => writerB.next('deal')).join(', ')}`);
console.log();
