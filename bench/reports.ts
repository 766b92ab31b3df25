// bench/reports: one report bundle (the reporting period with its activities, forgotten deals,
// both funnels and the time in stages, win rate, average deal size, sales cycle and the weighted
// pipeline by stage, by responsible person and by month) over generated deals with their stage
// histories and their activities, by salesReport in one pass and by the object-by-object reference
// in bench/_reports-reference.ts, in the same process, with the same figures checked. Then the
// streaming path: salesReport over async streams that make the records as they are read (as a
// store cursor hands them over), in a fresh process, so that its peak RSS is its own.
//
// npm run bench -- reports [--deals 1000000] [--activities 10]   (activities per deal)
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import { createRateTable, DEFAULT_DEAL_PIPELINE, money, salesReport } from 'crm-kit';
import type { ReportActivity, ReportDeal, SalesReport, SalesReportOptions } from 'crm-kit';
import { numberOption, seededRandom } from './_harness.js';
import { salesReportReference } from './_reports-reference.js';

const DEALS = numberOption('deals', 1_000_000);
const PER_DEAL = numberOption('activities', 10);
const STREAM_ONLY = process.argv.includes('--stream-only');
const format = (n: number): string => Math.round(n).toLocaleString('en-US');
const mib = (bytes: number): string => `${format(bytes / 1024 / 1024)} MiB`;

const DAY = 86_400_000;
const START = Date.UTC(2025, 0, 1);
const PROCESS = DEFAULT_DEAL_PIPELINE.stages.filter((stage) => stage.semantic === 'process').map((stage) => stage.id);
const CURRENCIES = ['EUR', 'EUR', 'EUR', 'USD', 'USD', 'GBP', 'JPY'] as const;
const TYPES = ['call', 'email', 'meeting', 'task', 'comment'] as const;

const rates = createRateTable({
  base: 'EUR',
  rates: Array.from({ length: 24 }, (_, month) => [
    { currency: 'USD', amount: (0.88 + month / 400).toFixed(4), from: new Date(START + month * 31 * DAY).toISOString().slice(0, 10) },
    { currency: 'GBP', amount: (1.15 + month / 500).toFixed(4), from: new Date(START + month * 31 * DAY).toISOString().slice(0, 10) },
    { currency: 'JPY', amount: (0.0061 + month / 100_000).toFixed(6), from: new Date(START + month * 31 * DAY).toISOString().slice(0, 10) },
  ]).flat(),
});

const options: SalesReportOptions = {
  period: { from: '2026-03-01', to: '2026-03-31', timeZone: 'Europe/Madrid' },
  pipelines: [DEFAULT_DEAL_PIPELINE],
  currency: 'EUR',
  rates,
  reportDate: '2026-04-01',
  groupBy: ['stage', 'responsible', { unit: 'month' }],
};

/** The deals, each with its history, made one at a time from a seed. */
function* dealsOf(count: number): Generator<ReportDeal> {
  const random = seededRandom(7);
  for (let n = 0; n < count; n++) {
    const created = START + Math.floor(random() * 450) * DAY + Math.floor(random() * DAY);
    const steps = 1 + Math.floor(random() * PROCESS.length);
    const history: { pipelineId: string; stageId: string; at: Date }[] = [];
    let at = created;
    for (let step = 0; step < steps; step++) {
      history.push({ pipelineId: 'default', stageId: PROCESS[step] ?? 'NEW', at: new Date(at) });
      at += Math.floor(random() * 20 * DAY);
    }
    const fate = random();
    const stageId = fate < 0.3 ? 'WON' : fate < 0.55 ? 'LOST' : (history[history.length - 1]?.stageId ?? 'NEW');
    const closed = stageId === 'WON' || stageId === 'LOST';
    if (closed) history.push({ pipelineId: 'default', stageId, at: new Date(at) });
    const currency = CURRENCIES[Math.floor(random() * CURRENCIES.length)] ?? 'EUR';
    const units = Math.floor(random() * (currency === 'JPY' ? 5_000_000 : 5_000_000));
    yield {
      id: `d${n}`,
      pipelineId: 'default',
      stageId,
      createdAt: new Date(created),
      updatedAt: new Date(closed ? at : created + Math.floor(random() * 60) * DAY),
      closed,
      ...(closed ? { closedAt: new Date(at) } : {}),
      amount: money(currency === 'JPY' ? String(units) : (units / 100).toFixed(2), currency),
      probability: [10, 20, 40, 60, 80][Math.floor(random() * 5)] ?? 0,
      assignedById: `u${Math.floor(random() * 200)}`,
      history,
    };
  }
}

/** The activities, each bound to one deal, made one at a time from a seed. */
function* activitiesOf(count: number, deals: number): Generator<ReportActivity> {
  const random = seededRandom(11);
  for (let n = 0; n < count; n++) {
    const created = START + Math.floor(random() * 480 * DAY);
    const completed = random() < 0.7;
    yield {
      type: TYPES[Math.floor(random() * TYPES.length)] ?? 'call',
      createdAt: new Date(created),
      completed,
      ...(completed ? { completedAt: new Date(created + Math.floor(random() * 3 * DAY)) } : {}),
      bindings: [{ entityType: 'deal', id: `d${Math.floor(random() * deals)}` }],
    };
  }
}

async function* stream<T>(items: Iterable<T>, onPage: () => void): AsyncGenerator<T> {
  let n = 0;
  for (const item of items) {
    if (++n % 500 === 0) {
      onPage();
      // A store hands a cursor's page over asynchronously.
      await Promise.resolve();
    }
    yield item;
  }
}

function maxRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}

if (STREAM_ONLY) {
  let peakHeap = 0;
  const sample = (): void => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  };
  const start = performance.now();
  const report = await salesReport({ deals: stream(dealsOf(DEALS), sample), activities: stream(activitiesOf(DEALS * PER_DEAL, DEALS), sample) }, options);
  const ms = performance.now() - start;
  console.log(JSON.stringify({ ms, peakRss: maxRss(), peakHeap, inPeriod: report.deals.inPeriod }));
} else {
  console.log(`making ${format(DEALS)} deals with their histories and ${format(DEALS * PER_DEAL)} activities...`);
  const deals = [...dealsOf(DEALS)];
  const activities = [...activitiesOf(DEALS * PER_DEAL, DEALS)];
  (globalThis as { gc?: () => void }).gc?.();
  const dataRss = process.memoryUsage().rss;
  const rows = DEALS + DEALS * PER_DEAL;

  let start = performance.now();
  const subject: SalesReport = await salesReport({ deals, activities }, options);
  const subjectMs = performance.now() - start;
  const subjectPeak = maxRss();
  (globalThis as { gc?: () => void }).gc?.();

  start = performance.now();
  const reference = salesReportReference(deals, activities, { ...options, reportDate: '2026-04-01' });
  const referenceMs = performance.now() - start;
  const referencePeak = maxRss();

  const same =
    subject.deals.inPeriod === reference.inPeriod &&
    subject.deals.forgotten === reference.forgotten &&
    isDeepStrictEqual(subject.funnels[0]?.classic, reference.funnels[0]?.classic) &&
    isDeepStrictEqual(subject.funnels[0]?.conversion, reference.funnels[0]?.conversion) &&
    isDeepStrictEqual(subject.funnels[0]?.timeInStages, reference.funnels[0]?.timeInStages) &&
    isDeepStrictEqual(subject.total, reference.byStage.total) &&
    isDeepStrictEqual(subject.groupings[0]?.groups, reference.byStage.groups) &&
    isDeepStrictEqual(subject.groupings[1]?.groups, reference.byResponsible.groups) &&
    isDeepStrictEqual(subject.groupings[2]?.groups, reference.monthly.groups) &&
    isDeepStrictEqual(subject.ratesUsed, reference.byStage.ratesUsed);
  if (!same) {
    console.error('salesReport and the reference disagree');
    process.exit(1);
  }
  const line = (label: string, ms: number, peak: string): void => { console.log(`${label.padEnd(36)} ${format(ms).padStart(8)} ms  ${format(rows / (ms / 1000)).padStart(11)} records/s  ${peak}`); };
  console.log(`${format(subject.deals.inPeriod)} deals in the period, ${format(subject.deals.forgotten)} forgotten; the same figures from both`);
  console.log(`RSS with the data made: ${mib(dataRss)}`);
  line('salesReport (one pass)', subjectMs, `peak RSS ${mib(subjectPeak)}`);
  line('reference (object by object)', referenceMs, `peak RSS ${mib(referencePeak)}`);
  console.log(`ratio: ${(referenceMs / subjectMs).toFixed(2)}× (target ≥ 5×)`);

  const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1] ?? 'bench/reports.ts', '--stream-only', '--deals', String(DEALS), '--activities', String(PER_DEAL)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (child.status !== 0) {
    console.error(child.stderr);
    process.exit(1);
  }
  const streamed = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as { ms: number; peakRss: number; peakHeap: number; inPeriod: number };
  if (streamed.inPeriod !== subject.deals.inPeriod) {
    console.error('the streaming path counts other deals');
    process.exit(1);
  }
  line('salesReport over streams (records made as read)', streamed.ms, `peak RSS ${mib(streamed.peakRss)}, peak heap ${mib(streamed.peakHeap)}`);
}
