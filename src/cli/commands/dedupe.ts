// crm-kit dedupe --entity contacts: the groups of duplicates with every pair's score and
// explanation, optionally written to a CSV file; --merge-auto merges only the groups DOMAIN.md lets
// a CRM merge without asking, and prints each merge's id for `crm-kit undo-merge`.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { AutoMergeReport, Crm, CrmSession, DuplicateEntityType, DuplicatePair, DuplicateReport } from '../../index.js';
import { DUPLICATE_ENTITY_TYPES } from '../../index.js';
import { formatCsvRow, neutraliseFormula } from '../../csv/index.js';
import type { CommandContext } from '../context.js';
import { entityOf } from '../context.js';
import { formatCount } from '../messages.js';
import { createProgress } from '../progress.js';
import { formatTable } from '../table.js';
import { EXIT, UsageError } from '../usage.js';
import type { OptionSpec } from '../usage.js';

/** The options of `dedupe`. */
export const DEDUPE_OPTIONS = {
  entity: { type: 'string', short: 'e' },
  threshold: { type: 'string' },
  out: { type: 'string', short: 'o' },
  'merge-auto': { type: 'boolean' },
  show: { type: 'string' },
} as const satisfies Readonly<Record<string, OptionSpec>>;

const SERVICES = { lead: 'leads', contact: 'contacts', company: 'companies', deal: 'deals' } as const satisfies Readonly<Record<DuplicateEntityType, string>>;
const NAMES_PER_QUERY = 200;

/** Runs `dedupe`; returns the exit code. */
export async function runDedupe(context: CommandContext): Promise<number> {
  const { args, messages, terminal } = context;
  const entityType = entityOf(context, DUPLICATE_ENTITY_TYPES);
  const threshold = optionalNumber(context, 'threshold', /^(0?\.\d+|1(\.0*)?|0)$/, (value) => value > 0 && value <= 1, messages.range.threshold);
  const show = optionalNumber(context, 'show', /^\d{1,7}$/, () => true, messages.range.show) ?? 20;
  const out = args.text('out');
  const config = await context.readConfig();
  const opened = await context.openCrm(config);
  try {
    const { me, crm } = opened;
    const progress = createProgress(terminal.stderr, context.colours.err, messages.scanning, messages.recordsUnit, (value) => formatCount(value, context.language), () => terminal.now(), context.json);
    const options = threshold === undefined ? {} : { threshold };
    let report: DuplicateReport;
    try {
      report = await me.duplicates.scan(entityType, {
        ...options,
        onProgress: (step) => {
          if (step.phase === 'reading') progress.update(step.done, undefined, messages.scanProgress(step.done));
        },
      });
    } finally {
      await progress.end();
    }
    const names = await namesOf(me, crm, entityType, report.clusters.flat());
    if (out !== undefined) await writeFile(resolve(terminal.cwd, out), clustersCsv(report, names, context.language));
    // Ctrl-C is caught only while merging: a scan writes nothing and stops at once, a merge stops
    // between two merges (each one transaction), and the merges made are listed for undo.
    let merged: AutoMergeReport | undefined;
    if (args.flag('merge-auto')) {
      const controller = new AbortController();
      const stopListening = terminal.onInterrupt(() => {
        if (controller.signal.aborted) terminal.exit(EXIT.interrupted);
        controller.abort();
        void context.note(context.colours.err.yellow(messages.interruptedMerging));
      });
      try {
        merged = await me.duplicates.mergeAutomatically(entityType, { ...options, signal: controller.signal });
      } finally {
        stopListening();
      }
    }
    if (context.json) {
      await context.printJson({
        entityType,
        clusters: report.clusters.map((ids) => ({ records: ids.map((id) => ({ id, name: names.get(id) ?? '' })), pairs: pairsOf(report, ids) })),
        stats: report.stats,
        ...(merged === undefined ? {} : { merged: merged.merged, mergeSkipped: merged.skipped, mergeAborted: merged.aborted }),
      });
    } else {
      await printClusters(context, report, names, show);
      if (out !== undefined) await context.print(messages.clustersFile(out));
      if (merged !== undefined) {
        await context.print(messages.merged(merged.merged.length, merged.skipped));
        for (const merge of merged.merged) await context.print(messages.mergeId(`${merge.survivorId} (${names.get(merge.survivorId) ?? ''})`, merge.absorbedIds.length, merge.mergeId));
      }
    }
    return merged?.aborted === true ? EXIT.interrupted : EXIT.ok;
  } finally {
    await opened.close();
  }
}

async function printClusters(context: CommandContext, report: DuplicateReport, names: ReadonlyMap<string, string>, show: number): Promise<void> {
  const { messages, colours } = context;
  const records = report.clusters.reduce((sum, ids) => sum + ids.length, 0);
  await context.print(messages.clustersFound(report.clusters.length, records, report.pairs.length, report.stats.records));
  if (report.clusters.length === 0) await context.print(messages.noDuplicates);
  for (const [at, ids] of report.clusters.slice(0, show).entries()) {
    await context.print('');
    await context.print(colours.out.bold(messages.cluster(at + 1, ids.length)));
    // Records are numbered in their group, so that each pair line is short: [1] ↔ [2].
    const number = new Map(ids.map((id, index) => [id, `[${String(index + 1)}]`]));
    await context.print(formatTable([], ids.map((id) => [number.get(id) ?? '', id, names.get(id) ?? '']), { indent: 2, width: context.width }));
    const rows = pairsOf(report, ids).map((pair) => [`${number.get(pair.a) ?? pair.a} ↔ ${number.get(pair.b) ?? pair.b}`, pair.score.toFixed(3), pair.explanation.join('; ')]);
    await context.print(colours.out.dim(formatTable([], rows, { indent: 4, align: ['left', 'right', 'left'], width: context.width })));
  }
  if (report.clusters.length > show) await context.print(`\n${messages.moreClusters(report.clusters.length - show)}`);
  if (report.stats.stoppedValues.length > 0) await context.print(messages.stoppedValues(report.stats.stoppedValues.length));
}

/** The pairs scored within a group, best first, with their explanations as text. */
function pairsOf(report: DuplicateReport, ids: readonly string[]): { readonly a: string; readonly b: string; readonly score: number; readonly explanation: readonly string[] }[] {
  const members = new Set(ids);
  return report.pairs.filter((pair: DuplicatePair) => members.has(pair.a) && members.has(pair.b)).map((pair) => ({ a: pair.a, b: pair.b, score: pair.score, explanation: pair.explanation.map((item) => item.text) }));
}

/** The groups as CSV: one row per record, with the best pair it is in and why. */
function clustersCsv(report: DuplicateReport, names: ReadonlyMap<string, string>, language: string): string {
  const spanish = language === 'es';
  const header = spanish ? ['Grupo', 'Id', 'Nombre', 'Duplicado de', 'Puntuación', 'Explicación'] : ['Group', 'Id', 'Name', 'Duplicate of', 'Score', 'Explanation'];
  let text = formatCsvRow(header);
  for (const [at, ids] of report.clusters.entries()) {
    const pairs = pairsOf(report, ids);
    for (const id of ids) {
      const best = pairs.find((pair) => pair.a === id || pair.b === id);
      const other = best === undefined ? '' : best.a === id ? best.b : best.a;
      text += formatCsvRow([String(at + 1), id, names.get(id) ?? '', other, best === undefined ? '' : best.score.toFixed(3), best?.explanation.join('; ') ?? ''].map(neutraliseFormula));
    }
  }
  return text;
}

/** How a person knows each record: a contact's or lead's name, a company's or deal's title. */
async function namesOf(me: CrmSession, crm: Crm, entityType: DuplicateEntityType, ids: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const service = me[SERVICES[entityType]];
  for (let from = 0; from < ids.length; from += NAMES_PER_QUERY) {
    const chunk = ids.slice(from, from + NAMES_PER_QUERY);
    for await (const record of service.stream({ where: [{ field: 'id', op: 'in', value: chunk }] })) {
      const fields = record as unknown as Readonly<Record<string, unknown>>;
      const title = typeof fields.title === 'string' ? fields.title : '';
      const person = entityType === 'contact' || entityType === 'lead' ? crm.displayName(fields) : '';
      names.set(record.id, [person, title].filter((part) => part !== '').join(' · '));
    }
  }
  return names;
}

/** A number option written as the pattern says (no hex, no exponent), within what `fits` accepts. */
function optionalNumber(context: CommandContext, name: string, pattern: RegExp, fits: (value: number) => boolean, range: string): number | undefined {
  const text = context.args.text(name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!pattern.test(text) || !fits(value)) throw new UsageError(context.messages.notANumber(`--${name}`, range));
  return value;
}
