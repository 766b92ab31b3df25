// bench/phones: which libphonenumber metadata normalisePhone ships, and what it costs.
// (a) Accuracy: libphonenumber's example number of every region, written 13 or 14 ways (national,
//     international, E.164, with dots, dashes, parentheses, '00' and '011' call prefixes,
//     extensions, '(0)' after the country code where the region has a trunk prefix); per metadata
//     flavour, how many normalise to the example's E.164.
// (b) Size: the minified bytes an entry importing the normaliser with each flavour bundles.
// (c) Speed: normalisePhone against libphonenumber called directly (parsePhoneNumberFromString and
//     `.number`, the reference) on ROWS of those texts, mixed.
// The examples are mobile numbers: libphonenumber-js ships no fixed-line examples.
import { build } from 'esbuild';
import { resolve } from 'node:path';
import { getCountries, getExampleNumber, parsePhoneNumberFromString } from 'libphonenumber-js/core';
import type { CountryCode, MetadataJson } from 'libphonenumber-js/core';
import examples from 'libphonenumber-js/examples.mobile.json';
import max from 'libphonenumber-js/max/metadata';
import min from 'libphonenumber-js/min/metadata';
import mobile from 'libphonenumber-js/mobile/metadata';
import { normalisePhone } from 'crm-kit';
import { checkRegion, normalisePhoneWith } from '../src/duplicates/_internal/phone.js';
import { numberOption, report, seededRandom, timePair } from './_harness.js';

const ROWS = numberOption('rows', 200_000);
const RUNS = numberOption('runs', 5);
const FLAVOURS: Readonly<Record<string, MetadataJson>> = { min, max, mobile };

interface Case {
  readonly text: string;
  readonly region: CountryCode | undefined;
  readonly expected: string;
  readonly way: string;
}
const sampled = new Set<string>();

// The corpus, built with the max metadata (the reference for formats).
const cases: Case[] = [];
for (const region of getCountries(max)) {
  const example = getExampleNumber(region, examples, max);
  if (example === undefined) continue;
  sampled.add(region);
  const e164 = example.number;
  const cc = example.countryCallingCode;
  const nsn = example.nationalNumber;
  const national = example.formatNational();
  const international = example.formatInternational();
  const add = (way: string, text: string, inRegion: CountryCode | undefined): void => {
    cases.push({ text, region: inRegion, expected: e164, way });
  };
  add('E.164', e164, undefined);
  add('international', international, undefined);
  add('international, dashes', international.replaceAll(' ', '-'), undefined);
  add('national', national, region);
  add('national, dots', national.replace(/[\s()-]+/g, '.').replace(/^\.|\.$/g, ''), region);
  add('national, dashes', national.replace(/[\s()-]+/g, '-').replace(/^-|-$/g, ''), region);
  add('national, parentheses', `(${nsn.slice(0, 3)}) ${nsn.slice(3, 6)} ${nsn.slice(6)}`, region);
  add("'00' call prefix from ES", `00 ${cc} ${nsn}`, region === 'ES' ? 'FR' : 'ES');
  add("'011' call prefix from US", `011 ${cc} ${nsn}`, region === 'US' ? 'CA' : 'US');
  add("extension 'ext. 12'", `${international} ext. 12`, undefined);
  add("extension 'x12'", `${national} x12`, region);
  add("extension '#12'", `${national} #12`, region);
  add("extension ';ext=12'", `${e164};ext=12`, undefined);
  // The trunk prefix kept in an international number, as in '+44 (0)20 7946 0958'.
  const nationalDigits = national.replace(/\D/g, '');
  const trunk = nationalDigits.endsWith(nsn) ? nationalDigits.slice(0, -nsn.length) : '';
  if (trunk !== '') add("international with '(0)'", `+${cc} (${trunk})${nsn}`, undefined);
}

const regionCount = sampled.size;

// (a) Accuracy per flavour.
console.log(`(a) accuracy: ${cases.length.toLocaleString('en-US')} texts from ${regionCount} regions' example numbers`);
const ways = [...new Set(cases.map((c) => c.way))];
for (const [name, metadata] of Object.entries(FLAVOURS)) {
  const missed = new Map<string, number>();
  let right = 0;
  const wrong: string[] = [];
  for (const c of cases) {
    const got = normalisePhoneWith(c.text, checkRegion(c.region, metadata), metadata);
    if (got === c.expected) right++;
    else {
      missed.set(c.way, (missed.get(c.way) ?? 0) + 1);
      if (wrong.length < 4) wrong.push(`${JSON.stringify(c.text)} in ${c.region ?? '-'} → ${got ?? 'undefined'} (expected ${c.expected})`);
    }
  }
  const byWay = ways.filter((w) => missed.has(w)).map((w) => `${w} ${missed.get(w) ?? 0}`);
  console.log(`${name.padEnd(8)} ${right} / ${cases.length} (${((right / cases.length) * 100).toFixed(2)} %)${byWay.length > 0 ? `; missed: ${byWay.join(', ')}` : ''}`);
  for (const line of wrong) console.log(`         e.g. ${line}`);
}

// (b) Bundle size per flavour: the normaliser and the flavour's metadata, minified.
console.log('\n(b) minified bytes of an entry importing the normaliser with each flavour (esbuild)');
const phoneModule = resolve(import.meta.dirname, '../src/duplicates/_internal/phone.ts');
async function bundleBytes(contents: string): Promise<number> {
  const result = await build({
    stdin: { contents, resolveDir: import.meta.dirname, loader: 'ts', sourcefile: 'entry.ts' },
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2022',
  });
  return result.outputFiles.reduce((sum, file) => sum + file.contents.byteLength, 0);
}
const withoutMetadata = await bundleBytes(`import { normalisePhoneWith } from '${phoneModule}';\nexport const f = (t: string, m: any) => normalisePhoneWith(t, undefined, m);`);
console.log(`${'code only'.padEnd(8)} ${withoutMetadata.toLocaleString('en-US').padStart(9)} bytes`);
for (const name of Object.keys(FLAVOURS)) {
  const bytes = await bundleBytes(`import { normalisePhoneWith } from '${phoneModule}';\nimport metadata from 'libphonenumber-js/${name}/metadata';\nexport const f = (t: string) => normalisePhoneWith(t, undefined, metadata);`);
  console.log(`${name.padEnd(8)} ${bytes.toLocaleString('en-US').padStart(9)} bytes (metadata ${(bytes - withoutMetadata).toLocaleString('en-US')})`);
}

// (c) Speed on a mixed corpus: every way of writing, every region, shuffled.
const random = seededRandom(20261202);
const texts: string[] = [];
const regions: (CountryCode | undefined)[] = [];
for (let i = 0; i < ROWS; i++) {
  const c = cases[Math.floor(random() * cases.length)] ?? cases[0];
  texts.push(c?.text ?? '');
  regions.push(c?.region);
}
let sink = 0;
const [subject, reference] = timePair(
  {
    label: 'crm-kit normalisePhone (min)',
    run: () => {
      for (let i = 0; i < ROWS; i++) sink += normalisePhone(texts[i] ?? '', { defaultRegion: regions[i] })?.length ?? 0;
    },
  },
  {
    label: 'libphonenumber parse + .number (min)',
    run: () => {
      for (let i = 0; i < ROWS; i++) {
        const region = regions[i];
        const text = texts[i] ?? '';
        const parsed = region === undefined ? parsePhoneNumberFromString(text, min) : parsePhoneNumberFromString(text, region, min);
        sink += parsed?.number.length ?? 0;
      }
    },
  },
  RUNS,
);
report(`(c) phones: ${ROWS.toLocaleString('en-US')} mixed texts (every way of writing, ${regionCount} regions)`, ROWS, subject, reference, { unit: 'phones' });
if (sink < 0) console.log(sink);
