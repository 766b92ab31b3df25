// Shared helper of the duplicate-detection benchmarks (issue 11): the labelled sets of
// /work/shared/data as crm-kit contacts, a seeded streaming generator of CRM contacts and companies
// with known duplicates, and pairwise quality figures. Not a bench itself (the name starts with `_`).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CompanyInput, ContactInput } from 'crm-kit';
import { isCalendarDate } from 'crm-kit';
import { seededRandom } from './_harness.js';

/** A contact in input form with the id the benchmark knows it by. */
export type LabelledRecord = ContactInput & { readonly id: string };

/** A company in input form with the id the benchmark knows it by. */
export type LabelledCompany = CompanyInput & { readonly id: string };

/** Records with their ground truth: record id → true cluster id. */
export interface LabelledSet<R = LabelledRecord> {
  readonly records: R[];
  readonly truth: Map<string, string>;
  /** Birth dates of the file that are not calendar dates, left out of the records. */
  readonly invalidBirthdates: number;
}

/** Record id → true cluster id, as {@link pairQuality} reads it (a `Map` is one). */
export interface Truth {
  get(id: string): string | undefined;
  values(): Iterable<string>;
}

/** One generated record and the true cluster (the real person or company) it belongs to. */
export interface GeneratedRecord<R> {
  readonly record: R;
  readonly cluster: string;
  /** The first record of its cluster, which its duplicates were made from. */
  readonly original: boolean;
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };
type Rng = () => number;

// ---------------------------------------------------------------------------------------------
// Loaders

// The data lives in `shared/data` beside the repository: /work/shared beside /work/main, and two
// levels up from a worktree such as /work/wt/<name>. CRM_KIT_DATA names the folder outright.
function dataFile(relative: string): string {
  const given = process.env.CRM_KIT_DATA;
  if (given !== undefined && given !== '') return `${given.replace(/\/$/, '')}/${relative}`;
  let folder = new URL('../', import.meta.url);
  for (let up = 0; up < 4; up++) {
    folder = new URL('../', folder);
    const candidate = new URL(`shared/data/${relative}`, folder);
    if (existsSync(candidate)) return fileURLToPath(candidate);
  }
  throw new Error(`shared/data/${relative} is not beside the repository; set CRM_KIT_DATA to the data folder`);
}

function readRows(relative: string, separator: string): string[][] {
  const lines = readFileSync(dataFile(relative), 'utf8').split(/\r?\n/);
  const rows: string[][] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() !== '') rows.push(line.split(separator).map((cell) => cell.trim()));
  }
  return rows;
}

const present = (value: string | undefined): value is string => value !== undefined && value !== '';

function setAddress(record: Writable<LabelledRecord>, address: Writable<NonNullable<ContactInput['address']>>): void {
  if (Object.keys(address).length > 0) record.address = address;
}

const FEBRL_ID = /^rec-(\d+)-(?:org|dup-\d+)$/;

/**
 * Reads a Febrl set (`rec-N-org` and `rec-N-dup-k` are person N) as contacts: street_number and
 * address_1 make the street, address_2 `street2`, suburb the city, postcode, state the region, a
 * valid date_of_birth the birthdate, soc_sec_id `custom.soc_sec_id`. Codes stay strings.
 *
 * @param name - `dataset1` (1,000 records), `dataset2` or `dataset3` (5,000 each).
 * @returns The records, record id → person, and how many birth dates were not calendar dates.
 */
export function loadFebrl(name: 'dataset1' | 'dataset2' | 'dataset3'): LabelledSet {
  const records: LabelledRecord[] = [];
  const truth = new Map<string, string>();
  let invalidBirthdates = 0;
  for (const cells of readRows(`febrl/${name}.csv`, ', ')) {
    const [id = '', given, surname, streetNumber, address1, address2, suburb, postcode, state, dob, ssn] = cells;
    const match = FEBRL_ID.exec(id);
    if (match?.[1] === undefined) throw new Error(`febrl/${name}: a rec_id is not rec-N-org or rec-N-dup-k`);
    const record: Writable<LabelledRecord> = { id };
    if (present(given)) record.firstName = given;
    if (present(surname)) record.lastName = surname;
    if (present(dob)) {
      const date = `${dob.slice(0, 4)}-${dob.slice(4, 6)}-${dob.slice(6, 8)}`;
      if (dob.length === 8 && isCalendarDate(date)) record.birthdate = date;
      else invalidBirthdates++;
    }
    const address: Writable<NonNullable<ContactInput['address']>> = {};
    const street = [streetNumber, address1].filter(present).join(' ');
    if (street !== '') address.street = street;
    if (present(address2)) address.street2 = address2;
    if (present(suburb)) address.city = suburb;
    if (present(postcode)) address.postalCode = postcode;
    if (present(state)) address.region = state;
    setAddress(record, address);
    if (present(ssn)) record.custom = { soc_sec_id: ssn };
    records.push(record);
    truth.set(id, match[1]);
  }
  return { records, truth, invalidBirthdates };
}

/**
 * Reads splink's fake_1000 (1,000 people in 251 clusters) as contacts: first_name, surname, dob,
 * city and email; `cluster` is the truth. E-mails are kept as the file has them: 37 are malformed
 * (`r..m51@leonard.net`), which contactInputSchema would refuse, as real imports hold such values.
 *
 * @returns The records, record id (`unique_id`) → cluster, and how many dobs were not dates.
 */
export function loadFakeSplink(): LabelledSet {
  const records: LabelledRecord[] = [];
  const truth = new Map<string, string>();
  let invalidBirthdates = 0;
  for (const [id = '', first, surname, dob, city, email, cluster = ''] of readRows('splink/fake_1000.csv', ',')) {
    const record: Writable<LabelledRecord> = { id };
    if (present(first)) record.firstName = first;
    if (present(surname)) record.lastName = surname;
    if (present(dob)) {
      if (isCalendarDate(dob)) record.birthdate = dob;
      else invalidBirthdates++;
    }
    if (present(city)) record.address = { city };
    if (present(email)) record.emails = [{ value: email, kind: 'work' }];
    records.push(record);
    truth.set(id, cluster);
  }
  return { records, truth, invalidBirthdates };
}

/**
 * Gathers a generated stream into a labelled set (for sizes that fit in memory).
 *
 * @param generated - What {@link generateContacts} or {@link generateCompanies} yields.
 * @returns The records in stream order and record id → cluster.
 */
export function collectGenerated<R extends { readonly id: string }>(generated: Iterable<GeneratedRecord<R>>): LabelledSet<R> {
  const records: R[] = [];
  const truth = new Map<string, string>();
  for (const { record, cluster } of generated) {
    records.push(record);
    truth.set(record.id, cluster);
  }
  return { records, truth, invalidBirthdates: 0 };
}

/**
 * The true clusters of a truth map, singletons included.
 *
 * @param truth - Record id → cluster id.
 * @returns One array of record ids per cluster.
 */
export function clustersOf(truth: ReadonlyMap<string, string>): string[][] {
  const byCluster = new Map<string, string[]>();
  for (const [id, cluster] of truth) {
    const members = byCluster.get(cluster);
    if (members === undefined) byCluster.set(cluster, [id]);
    else members.push(id);
  }
  return [...byCluster.values()];
}

// ---------------------------------------------------------------------------------------------
// Quality

/** Pairwise quality of a clustering against the truth. */
export interface PairQuality {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Pairs of records in the same true cluster. */
  readonly truePairs: number;
  /** Pairs of records in the same predicted cluster. */
  readonly predictedPairs: number;
  /** Pairs in the same predicted cluster and the same true cluster. */
  readonly correctPairs: number;
}

const pairsIn = (n: number): number => (n * (n - 1)) / 2;

/**
 * Pairwise precision, recall and F1 of predicted clusters: pairs inside a predicted cluster against
 * pairs inside a true cluster, counted through cluster-intersection sizes (n choose 2), never by
 * listing pairs. Records left out of every predicted cluster are singletons; an id unknown to
 * `truth` is its own true cluster. With no predicted pair precision is 1; with no true pair,
 * recall is 1.
 *
 * @param predictedClusters - Disjoint clusters of record ids (singletons may be left out).
 * @param truth - Record id → true cluster id.
 * @returns The figures and the three pair counts.
 * @throws RangeError when an id is in two predicted clusters or twice in one.
 */
export function pairQuality(predictedClusters: Iterable<readonly string[]>, truth: Truth): PairQuality {
  const sizes = new Map<string, number>();
  for (const cluster of truth.values()) sizes.set(cluster, (sizes.get(cluster) ?? 0) + 1);
  let truePairs = 0;
  for (const size of sizes.values()) truePairs += pairsIn(size);

  const seen = new Set<string>();
  const overlap = new Map<string, number>();
  let predictedPairs = 0;
  let correctPairs = 0;
  for (const members of predictedClusters) {
    predictedPairs += pairsIn(members.length);
    if (members.length < 2) {
      for (const id of members) markSeen(seen, id);
      continue;
    }
    overlap.clear();
    for (const id of members) {
      markSeen(seen, id);
      const cluster = truth.get(id);
      if (cluster !== undefined) overlap.set(cluster, (overlap.get(cluster) ?? 0) + 1);
    }
    for (const n of overlap.values()) correctPairs += pairsIn(n);
  }
  const precision = predictedPairs === 0 ? 1 : correctPairs / predictedPairs;
  const recall = truePairs === 0 ? 1 : correctPairs / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, truePairs, predictedPairs, correctPairs };
}

function markSeen(seen: Set<string>, id: string): void {
  if (seen.has(id)) throw new RangeError('A record id is in more than one predicted cluster.');
  seen.add(id);
}

/**
 * Blocking recall: the share of true pairs found among candidate pairs. A pair given twice, in
 * either order, counts once; pairs of a record with itself are ignored.
 *
 * @param candidatePairs - The pairs blocking kept.
 * @param truth - Record id → true cluster id.
 * @returns A share from 0 to 1 (1 when there is no true pair).
 */
export function blockingRecall(candidatePairs: Iterable<readonly [string, string]>, truth: ReadonlyMap<string, string>): number {
  const sizes = new Map<string, number>();
  for (const cluster of truth.values()) sizes.set(cluster, (sizes.get(cluster) ?? 0) + 1);
  let truePairs = 0;
  for (const size of sizes.values()) truePairs += pairsIn(size);
  if (truePairs === 0) return 1;
  const found = new Set<string>();
  for (const [a, b] of candidatePairs) {
    if (a === b) continue;
    const cluster = truth.get(a);
    if (cluster === undefined || cluster !== truth.get(b)) continue;
    found.add(a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
  }
  return found.size / truePairs;
}

// ---------------------------------------------------------------------------------------------
// Generator tables

interface Name {
  readonly text: string;
  /** Lower-case ASCII, for e-mail addresses. */
  readonly ascii: string;
  /** {@link ascii} without hyphens: the local part of an e-mail address. */
  readonly local: string;
}

function asciiOf(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replaceAll('ß', 'ss')
    .toLowerCase()
    .replace(/[^a-z-]+/g, '');
}

// The table words (sectors, places) in ASCII, computed once each.
const asciiWords = new Map<string, string>();
function asciiWord(text: string): string {
  let ascii = asciiWords.get(text);
  if (ascii === undefined) {
    ascii = asciiOf(text).replaceAll('-', '');
    asciiWords.set(text, ascii);
  }
  return ascii;
}

// Compound given names, made once each.
const compoundNames = new Map<string, Name>();
function compoundName(first: Name, second: Name): Name {
  const text = `${first.text} ${second.text}`;
  let name = compoundNames.get(text);
  if (name === undefined) {
    name = { text, ascii: `${first.ascii}${second.ascii}`, local: `${first.local}${second.local}` };
    compoundNames.set(text, name);
  }
  return name;
}

const names = (list: string): Name[] => list.split(',').map((text) => ({ text, ascii: asciiOf(text), local: asciiOf(text).replaceAll('-', '') }));

type Language = 'es' | 'en' | 'fr' | 'de' | 'pt';

/** A phone number in parts: `+cc groups…`; national forms put `trunk` before the first group. */
interface PhoneParts {
  readonly country: CountryData;
  readonly groups: readonly string[];
  /** Argentine mobiles: `+54 9 11 …` internationally, `011 15 …` nationally. */
  readonly argentineMobile: boolean;
}

interface City {
  readonly name: string;
  readonly region: string;
  readonly postal: (rng: Rng) => string;
  readonly landline: (rng: Rng) => string[];
}

interface CountryData {
  readonly code: string;
  readonly language: Language;
  readonly callingCode: string;
  readonly trunk: string;
  /** How the second national form punctuates: `(area) rest-rest`, dashes, dots, or `area/rest`. */
  readonly alternative: 'paren' | 'dash' | 'dot' | 'slash';
  readonly firstNames: readonly Name[];
  readonly lastNames: readonly Name[];
  /** The share of people with two surnames (Spanish and Portuguese naming). */
  readonly twoSurnames: number;
  readonly cities: readonly City[];
  readonly mobile: (rng: Rng) => string[];
  readonly tld: string;
  readonly personalDomains: readonly string[];
  readonly mailboxes: readonly string[];
  readonly legalForms: readonly (readonly string[])[];
}

const int = (rng: Rng, n: number): number => Math.floor(rng() * n);

function pick<T>(rng: Rng, list: readonly T[]): T {
  const value = list[Math.floor(rng() * list.length)];
  if (value === undefined) throw new RangeError('pick from an empty list');
  return value;
}

const POWERS = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000];

/** `n` random digits (n ≤ 9), the first from `first` (a string of allowed digits). */
function digits(rng: Rng, n: number, first = '0123456789'): string {
  const lead = first[int(rng, first.length)] ?? '0';
  if (n === 1) return lead;
  const rest = String(int(rng, POWERS[n - 1] ?? 1));
  return lead + (rest.length === n - 1 ? rest : rest.padStart(n - 1, '0'));
}

const city = (name: string, region: string, postal: (rng: Rng) => string, landline: (rng: Rng) => string[]): City => ({ name, region, postal, landline });

const ES_FIRST = 'José,María,Jesús,Ángel,Lucía,Sofía,Martín,Andrés,Inés,Raúl,Óscar,Iván,Álvaro,Begoña,Nuria,Pilar,Carmen,Francisco,Javier,Manuel,Antonio,Alejandro,Guillermo,Ignacio,Concepción,Dolores,Mónica,Verónica,Rocío,Elena,Marta,Pablo,Sergio,Laura,Cristina,Jorge,Alberto,Raquel,Susana,Teresa';
const LA_FIRST = 'Juan Pablo,Luis Fernando,Ximena,Guadalupe,Valentina,Camila,Santiago,Mateo,Sebastián,Agustín,Julián,Florencia,Catalina,Daniela,Maximiliano,José,María José,Jesús,Alejandro,Guillermo,Francisco,Andrés,Sofía,Lucía,Martín,Gabriela,Fernanda,Diego,Ricardo,Verónica';
const ES_LAST = 'García,Fernández,González,Rodríguez,López,Martínez,Sánchez,Pérez,Gómez,Martín,Jiménez,Ruiz,Hernández,Díaz,Moreno,Muñoz,Álvarez,Romero,Alonso,Gutiérrez,Navarro,Torres,Domínguez,Vázquez,Ramos,Gil,Ramírez,Serrano,Blanco,Suárez,Castillo,Ortega,Rubio,Núñez,Ibáñez,Peña,Molina,Delgado,Morales,Ortiz';
const LA_LAST = 'Hernández,Ramírez,Flores,Cruz,Reyes,Morales,Ortiz,Castro,Rojas,Vargas,Mendoza,Aguilar,Cárdenas,Velásquez,Giménez,Acuña,García,González,Rodríguez,López,Martínez,Pérez,Sánchez,Gómez,Díaz,Torres,Jiménez,Ruiz,Álvarez,Romero,Muñoz,Suárez,Benítez,Medina,Herrera,Ríos,Peña,Guzmán,Salazar,Quintero';
const EN_FIRST = 'James,John,Robert,Michael,William,David,Richard,Thomas,Margaret,Elizabeth,Catherine,Jennifer,Patricia,Susan,Sarah,Emily,Oliver,Charlotte,Alexander,Christopher,Katherine,Benjamin,Daniel,Matthew,Anthony,Jessica,Rebecca,Hannah,George,Harry,Amelia,Olivia,Jack,Samuel,Grace,Laura,Andrew,Joseph,Sophie,Lucy,Edward,Henry,Isabella,Mia,Ethan,Noah,Ava,Liam,Harriet,Eleanor,Frederick,Arthur,Ruth,Dorothy,Peter,Paul,Mark,Simon,Rachel,Fiona,Gavin,Ian,Nigel,Stuart';
const EN_LAST = "Smith,Johnson,Williams,Brown,Jones,Miller,Davis,Wilson,Taylor,Anderson,Thomas,Moore,Jackson,White,Harris,Martin,Thompson,Robinson,Clarke,Wright,Walker,Hughes,Edwards,O'Brien,O'Connor,MacDonald,McCarthy,Evans,Roberts,Cooper,Turner,Phillips,Campbell,Parker,Collins,Stewart,Morris,Murphy,Cook,Bailey";
const FR_FIRST = 'François,Hélène,Jérôme,Stéphane,Céline,Élodie,Anaïs,Chloé,Noël,Benoît,Joël,Gaëlle,Loïc,Amélie,Jean-Pierre,Marie-Claire,Frédéric,Sébastien,Thérèse,Geneviève,Nicolas,Julien,Camille,Manon,Pierre,Isabelle,Nathalie,Philippe,Sylvie,Antoine,Valérie,Émilie,Aurélien,Maëlle,Clément,Léa,Théo,Inès,Hugo,Zoé,Raphaël,Océane,Mathieu,Agnès,Bernard,Corinne,Didier,Pascal,Yves,Brigitte';
const FR_LAST = 'Martin,Bernard,Dubois,Thomas,Robert,Richard,Petit,Durand,Leroy,Moreau,Simon,Laurent,Lefèvre,Michel,Fournier,Girard,Bonnet,Dupont,Lambert,Fontaine,Rousseau,Vincent,Chevalier,François,Bélanger,Gauthier,Mercier,Lefebvre,Faure,André,Garnier,Châtelain,Boucher,Lemaître,Hébert';
const DE_FIRST = 'Jürgen,Günter,Jörg,Björn,Käthe,Uwe,Klaus,Wolfgang,Stefan,Sabine,Ursula,Michael,Andreas,Johannes,Katharina,Lena,Maximilian,Sören,Hans-Peter,Dörte,Thomas,Monika,Petra,Frank,Birgit,Matthias,Anja,Tobias,Jana,Lukas,Felix,Leonie,Jonas,Mia,Niklas,Hannah,Florian,Julia,Sebastian,Anna,Christian,Claudia,Dieter,Heike,Helmut,Ingrid,Karl,Renate,Rüdiger,Gerda,Horst,Ute,Bärbel,Jens,Kai';
const DE_LAST = 'Müller,Schmidt,Schneider,Fischer,Weber,Meyer,Wagner,Becker,Schulz,Hoffmann,Schäfer,Koch,Bauer,Richter,Klein,Wolf,Schröder,Neumann,Schwarz,Zimmermann,Braun,Krüger,Hofmann,Hartmann,Lange,Schmitt,Werner,Krause,Meier,Lehmann,Köhler,Weiß,Jäger,Vogel,Günther';
const PT_FIRST = 'João,José,António,Gonçalo,Inês,Conceição,Sebastião,Joana,Luís,Rui,Beatriz,Margarida,Tomás,Leonor,Afonso,Mariana,Pedro,Catarina,Ricardo,Sofia,Diogo,Filipa,Nuno,Helena,Duarte';
const BR_FIRST = 'João Pedro,Luíza,Letícia,Vitória,Lucas,Gabriel,Matheus,Thiago,Ana Clara,Júlia,Larissa,Rafael,Felipe,Bruno,Fábio,Maria Eduarda,Gustavo,Camila,Leonardo,Beatriz,Vinícius,Amanda,Rodrigo,Patrícia,Marcos';
const PT_LAST = 'Silva,Santos,Ferreira,Pereira,Oliveira,Costa,Rodrigues,Martins,Jesus,Sousa,Fernandes,Gonçalves,Gomes,Lopes,Marques,Alves,Almeida,Ribeiro,Pinto,Carvalho,Teixeira,Moreira,Correia,Mendes,Nunes,Soares,Vieira,Monteiro,Cardoso,Araújo,Barbosa,Conceição,Magalhães,Falcão,Simões';

const AR_LAST = `${LA_LAST},Rossi,Romano,Ferrari,Russo,Bianchi,Colombo,Ricci,Marino,Greco,Bruno,Gallo,Conti,De Luca,Giordano,Mancini,Rizzo,Lombardi,Moretti,Barbieri,Fontana,Santoro,Mariani,Rinaldi,Caruso,Galli,Martini,Leone,Longo,Gentile,Martinelli,Vitale,Serra,Coppola,De Santis,D'Angelo,Marchetti,Parisi`;

// Surnames built from common parts (Ashford, Steinmeier, Beaumont): a hundred more per language,
// so that people seldom share a full name, as in a real CRM.
const compounds = (prefixes: string, suffixes: string): string =>
  prefixes
    .split(',')
    .flatMap((prefix) => suffixes.split(',').map((suffix) => prefix + suffix))
    .join(',');
const EN_MORE = compounds('Ash,Black,Brad,Car,Hard,Kings,Stan,Wood,Whit,Pem,Marl,Brom,Hol,Red,Fair,Lang,Shel,Win,Cran,Thorn', 'ley,ford,well,wood,field,ton,by,worth,bridge,more,stone,ham');
const DE_MORE = compounds('Ober,Stein,Berg,Wald,Schön,Hoch,Brand,Linden,Rosen,Fried,Eich,Kirch,Bach,Holz,Kron,Lind,Mittel,Sonnen,Tann,Wies', 'mann,huber,meier,berger,bauer,feld,hofer,thaler,reiter,inger,hausen,bach');
const FR_MORE = compounds('Beau,Bel,Bon,Mont,Cham,Roche,Grand,Haute,Clair,Vau,Ville,Mal,Chaude,Fleur,Riche,Belle,Blanc,Vieux,Neuf,Clos', 'mont,champ,court,ville,lieu,fort,bois,val,pré,mare,fontaine,ière');

const range = (from: number, span: number, width: number) => (rng: Rng) => String(from + int(rng, span)).padStart(width, '0');

const COUNTRY_LIST: readonly CountryData[] = [
  {
    code: 'ES', language: 'es', callingCode: '34', trunk: '', alternative: 'dash',
    firstNames: names(ES_FIRST), lastNames: names(ES_LAST), twoSurnames: 0.7,
    cities: [
      city('Madrid', 'Madrid', range(28001, 80, 5), (r) => ['91', digits(r, 3), digits(r, 2), digits(r, 2)]),
      city('Barcelona', 'Barcelona', range(8001, 40, 5), (r) => ['93', digits(r, 3), digits(r, 2), digits(r, 2)]),
      city('Valencia', 'Valencia', range(46001, 25, 5), (r) => ['96', digits(r, 3), digits(r, 2), digits(r, 2)]),
      city('Sevilla', 'Sevilla', range(41001, 20, 5), (r) => ['95', digits(r, 3), digits(r, 2), digits(r, 2)]),
      city('Málaga', 'Málaga', range(29001, 18, 5), (r) => ['952', digits(r, 2), digits(r, 2), digits(r, 2)]),
      city('A Coruña', 'A Coruña', range(15001, 10, 5), (r) => ['981', digits(r, 2), digits(r, 2), digits(r, 2)]),
      city('Córdoba', 'Córdoba', range(14001, 14, 5), (r) => ['957', digits(r, 2), digits(r, 2), digits(r, 2)]),
    ],
    mobile: (r) => [digits(r, 3, '67'), digits(r, 3), digits(r, 3)],
    tld: 'es', personalDomains: ['gmail.com', 'hotmail.com', 'yahoo.es', 'outlook.es', 'telefonica.net'],
    mailboxes: ['info', 'contacto', 'ventas', 'administracion'],
    legalForms: [['S.L.', 'SL', 'S.L', 'Sociedad Limitada', 'S. L.'], ['S.A.', 'SA', 'Sociedad Anónima', 'S.A'], ['S.L.U.', 'SLU']],
  },
  {
    code: 'MX', language: 'es', callingCode: '52', trunk: '', alternative: 'paren',
    firstNames: names(LA_FIRST), lastNames: names(LA_LAST), twoSurnames: 0.5,
    cities: [
      city('Ciudad de México', 'CDMX', range(1000, 15000, 5), (r) => ['55', digits(r, 4, '2345'), digits(r, 4)]),
      city('Guadalajara', 'Jalisco', range(44100, 900, 5), (r) => ['33', digits(r, 4, '3'), digits(r, 4)]),
      city('Monterrey', 'Nuevo León', range(64000, 900, 5), (r) => ['81', digits(r, 4, '8'), digits(r, 4)]),
      city('Puebla', 'Puebla', range(72000, 500, 5), (r) => ['222', digits(r, 3, '2'), digits(r, 4)]),
      city('Querétaro', 'Querétaro', range(76000, 200, 5), (r) => ['442', digits(r, 3, '2'), digits(r, 4)]),
    ],
    mobile: (r) => ['55', digits(r, 4, '1'), digits(r, 4)],
    tld: 'com.mx', personalDomains: ['gmail.com', 'hotmail.com', 'yahoo.com.mx', 'outlook.com'],
    mailboxes: ['info', 'contacto', 'ventas'],
    legalForms: [['S.A. de C.V.', 'SA de CV', 'S.A. DE C.V.', 'S. A. de C. V.'], ['S. de R.L. de C.V.', 'S de RL de CV']],
  },
  {
    code: 'AR', language: 'es', callingCode: '54', trunk: '0', alternative: 'paren',
    firstNames: names(LA_FIRST), lastNames: names(AR_LAST), twoSurnames: 0.15,
    cities: [
      city('Buenos Aires', 'CABA', (r) => `C${digits(r, 4, '1')}${pick(r, ['AAA', 'ABC', 'ACD', 'BBF', 'DJA'])}`, (r) => ['11', digits(r, 4, '45'), digits(r, 4)]),
      city('Córdoba', 'Córdoba', (r) => `X${digits(r, 4, '5')}${pick(r, ['AAA', 'BFA', 'CGD'])}`, (r) => ['351', digits(r, 3, '4'), digits(r, 4)]),
      city('Rosario', 'Santa Fe', (r) => `S${digits(r, 4, '2')}${pick(r, ['AAA', 'BCD', 'EFG'])}`, (r) => ['341', digits(r, 3, '4'), digits(r, 4)]),
      city('Mendoza', 'Mendoza', (r) => `M${digits(r, 4, '5')}${pick(r, ['AAA', 'BXA', 'CRA'])}`, (r) => ['261', digits(r, 3, '4'), digits(r, 4)]),
    ],
    mobile: (r) => ['9', '11', digits(r, 4, '2345'), digits(r, 4)],
    tld: 'com.ar', personalDomains: ['gmail.com', 'hotmail.com', 'yahoo.com.ar', 'fibertel.com.ar'],
    mailboxes: ['info', 'contacto', 'ventas'],
    legalForms: [['S.A.', 'SA', 'Sociedad Anónima'], ['S.R.L.', 'SRL'], ['S.A.S.', 'SAS']],
  },
  {
    code: 'CO', language: 'es', callingCode: '57', trunk: '', alternative: 'paren',
    firstNames: names(LA_FIRST), lastNames: names(LA_LAST), twoSurnames: 0.6,
    cities: [
      city('Bogotá', 'Bogotá D.C.', range(110111, 900, 6), (r) => ['601', digits(r, 3, '2345678'), digits(r, 4)]),
      city('Medellín', 'Antioquia', range(50001, 900, 6), (r) => ['604', digits(r, 3, '2345'), digits(r, 4)]),
      city('Cali', 'Valle del Cauca', range(760001, 500, 6), (r) => ['602', digits(r, 3, '3458'), digits(r, 4)]),
      city('Barranquilla', 'Atlántico', range(80001, 300, 6), (r) => ['605', digits(r, 3, '3'), digits(r, 4)]),
    ],
    mobile: (r) => [pick(r, ['300', '301', '310', '311', '312', '313', '315', '316', '317', '320', '321']), digits(r, 3), digits(r, 4)],
    tld: 'com.co', personalDomains: ['gmail.com', 'hotmail.com', 'yahoo.com', 'outlook.com'],
    mailboxes: ['info', 'contacto', 'ventas'],
    legalForms: [['S.A.S.', 'SAS', 'S.A.S'], ['Ltda.', 'Ltda', 'Limitada'], ['S.A.', 'SA']],
  },
  {
    code: 'GB', language: 'en', callingCode: '44', trunk: '0', alternative: 'paren',
    firstNames: names(EN_FIRST), lastNames: names(`${EN_LAST},${EN_MORE}`), twoSurnames: 0,
    cities: [
      city('London', 'Greater London', (r) => `${pick(r, ['EC1A', 'SW1A', 'N1', 'E14', 'SE1', 'W1D', 'NW3'])} ${digits(r, 1, '123456789')}${pick(r, ['AA', 'BB', 'DX', 'HP', 'QT', 'LJ'])}`, (r) => ['20', digits(r, 4, '378'), digits(r, 4)]),
      city('Manchester', 'Greater Manchester', (r) => `M${digits(r, 1, '123456789')} ${digits(r, 1)}${pick(r, ['AA', 'BG', 'EH', 'WT'])}`, (r) => ['161', digits(r, 3, '234'), digits(r, 4)]),
      city('Birmingham', 'West Midlands', (r) => `B${digits(r, 1, '123456789')} ${digits(r, 1)}${pick(r, ['AA', 'DB', 'JX', 'TT'])}`, (r) => ['121', digits(r, 3, '234'), digits(r, 4)]),
      city('Leeds', 'West Yorkshire', (r) => `LS${digits(r, 1, '123456789')} ${digits(r, 1)}${pick(r, ['AB', 'DF', 'QE'])}`, (r) => ['113', digits(r, 3, '234'), digits(r, 4)]),
      city('Glasgow', 'Scotland', (r) => `G${digits(r, 1, '123456789')} ${digits(r, 1)}${pick(r, ['AA', 'HS', 'RE'])}`, (r) => ['141', digits(r, 3, '234'), digits(r, 4)]),
      city('Bristol', 'Bristol', (r) => `BS${digits(r, 1, '123456789')} ${digits(r, 1)}${pick(r, ['AH', 'NB', 'TL'])}`, (r) => ['117', digits(r, 3, '234'), digits(r, 4)]),
    ],
    mobile: (r) => [pick(r, ['740', '745', '750', '752', '780', '783']) + digits(r, 1), digits(r, 6)],
    tld: 'co.uk', personalDomains: ['gmail.com', 'hotmail.co.uk', 'yahoo.co.uk', 'btinternet.com', 'outlook.com'],
    mailboxes: ['info', 'enquiries', 'sales', 'office'],
    legalForms: [['Ltd', 'Ltd.', 'Limited', 'LTD'], ['PLC', 'plc', 'Public Limited Company'], ['LLP', 'L.L.P.']],
  },
  {
    code: 'US', language: 'en', callingCode: '1', trunk: '', alternative: 'paren',
    firstNames: names(EN_FIRST), lastNames: names(`${EN_LAST},${EN_MORE}`), twoSurnames: 0,
    cities: [
      city('New York', 'NY', range(10001, 280, 5), (r) => [pick(r, ['212', '718', '646']), digits(r, 3, '2346789'), digits(r, 4)]),
      city('Los Angeles', 'CA', range(90001, 90, 5), (r) => [pick(r, ['213', '310', '323']), digits(r, 3, '2346789'), digits(r, 4)]),
      city('Chicago', 'IL', range(60601, 60, 5), (r) => ['312', digits(r, 3, '2346789'), digits(r, 4)]),
      city('Houston', 'TX', range(77001, 98, 5), (r) => ['713', digits(r, 3, '2346789'), digits(r, 4)]),
      city('San Francisco', 'CA', range(94102, 32, 5), (r) => ['415', digits(r, 3, '2346789'), digits(r, 4)]),
      city('Boston', 'MA', range(2108, 30, 5), (r) => ['617', digits(r, 3, '2346789'), digits(r, 4)]),
      city('Miami', 'FL', range(33125, 70, 5), (r) => ['305', digits(r, 3, '2346789'), digits(r, 4)]),
    ],
    mobile: (r) => [pick(r, ['347', '917', '415', '617', '786', '832', '206']), digits(r, 3, '2346789'), digits(r, 4)],
    tld: 'com', personalDomains: ['gmail.com', 'yahoo.com', 'aol.com', 'outlook.com', 'icloud.com'],
    mailboxes: ['info', 'sales', 'contact', 'office'],
    legalForms: [['Inc.', 'Inc', 'Incorporated', 'INC'], ['LLC', 'L.L.C.', 'Llc'], ['Corp.', 'Corporation', 'Corp']],
  },
  {
    code: 'FR', language: 'fr', callingCode: '33', trunk: '0', alternative: 'dot',
    firstNames: names(FR_FIRST), lastNames: names(`${FR_LAST},${FR_MORE}`), twoSurnames: 0,
    cities: [
      city('Paris', 'Île-de-France', range(75001, 20, 5), (r) => ['1', digits(r, 2, '4'), digits(r, 2), digits(r, 2), digits(r, 2)]),
      city('Lyon', 'Auvergne-Rhône-Alpes', range(69001, 9, 5), (r) => ['4', digits(r, 2, '7'), digits(r, 2), digits(r, 2), digits(r, 2)]),
      city('Marseille', "Provence-Alpes-Côte d'Azur", range(13001, 16, 5), (r) => ['4', digits(r, 2, '9'), digits(r, 2), digits(r, 2), digits(r, 2)]),
      city('Toulouse', 'Occitanie', range(31000, 500, 5), (r) => ['5', digits(r, 2, '6'), digits(r, 2), digits(r, 2), digits(r, 2)]),
      city('Nantes', 'Pays de la Loire', range(44000, 300, 5), (r) => ['2', digits(r, 2, '4'), digits(r, 2), digits(r, 2), digits(r, 2)]),
      city('Strasbourg', 'Grand Est', range(67000, 200, 5), (r) => ['3', digits(r, 2, '8'), digits(r, 2), digits(r, 2), digits(r, 2)]),
    ],
    mobile: (r) => [digits(r, 1, '67'), digits(r, 2), digits(r, 2), digits(r, 2), digits(r, 2)],
    tld: 'fr', personalDomains: ['gmail.com', 'orange.fr', 'free.fr', 'laposte.net', 'wanadoo.fr'],
    mailboxes: ['contact', 'info', 'accueil', 'commercial'],
    legalForms: [['SARL', 'S.A.R.L.', 'Sarl'], ['SAS', 'S.A.S.'], ['SA', 'S.A.'], ['EURL']],
  },
  {
    code: 'DE', language: 'de', callingCode: '49', trunk: '0', alternative: 'slash',
    firstNames: names(DE_FIRST), lastNames: names(`${DE_LAST},${DE_MORE}`), twoSurnames: 0,
    cities: [
      city('Berlin', 'Berlin', range(10115, 2000, 5), (r) => ['30', digits(r, 8, '2345678')]),
      city('Hamburg', 'Hamburg', range(20095, 2000, 5), (r) => ['40', digits(r, 8, '2345678')]),
      city('München', 'Bayern', range(80331, 1600, 5), (r) => ['89', digits(r, 8, '2345678')]),
      city('Köln', 'Nordrhein-Westfalen', range(50667, 1200, 5), (r) => ['221', digits(r, 7, '2345678')]),
      city('Frankfurt am Main', 'Hessen', range(60306, 300, 5), (r) => ['69', digits(r, 8, '2345678')]),
      city('Stuttgart', 'Baden-Württemberg', range(70173, 500, 5), (r) => ['711', digits(r, 7, '2345678')]),
      city('Düsseldorf', 'Nordrhein-Westfalen', range(40210, 400, 5), (r) => ['211', digits(r, 7, '2345678')]),
    ],
    mobile: (r) => (r() < 0.5 ? [pick(r, ['151', '160', '176']), digits(r, 8)] : [pick(r, ['171', '172']), digits(r, 7)]),
    tld: 'de', personalDomains: ['gmx.de', 'web.de', 't-online.de', 'gmail.com', 'freenet.de'],
    mailboxes: ['info', 'kontakt', 'vertrieb', 'office'],
    legalForms: [['GmbH', 'G.m.b.H.', 'Gesellschaft mit beschränkter Haftung', 'GMBH'], ['AG', 'Aktiengesellschaft'], ['GmbH & Co. KG', 'GmbH & Co KG'], ['KG']],
  },
  {
    code: 'PT', language: 'pt', callingCode: '351', trunk: '', alternative: 'dash',
    firstNames: names(PT_FIRST), lastNames: names(PT_LAST), twoSurnames: 0.6,
    cities: [
      city('Lisboa', 'Lisboa', (r) => `1${digits(r, 3)}-${digits(r, 3)}`, (r) => ['21', digits(r, 3), digits(r, 4)]),
      city('Porto', 'Porto', (r) => `4${digits(r, 3, '012')}-${digits(r, 3)}`, (r) => ['22', digits(r, 3), digits(r, 4)]),
      city('Braga', 'Braga', (r) => `47${digits(r, 2)}-${digits(r, 3)}`, (r) => ['253', digits(r, 3), digits(r, 3)]),
      city('Coimbra', 'Coimbra', (r) => `30${digits(r, 2)}-${digits(r, 3)}`, (r) => ['239', digits(r, 3), digits(r, 3)]),
      city('Faro', 'Faro', (r) => `80${digits(r, 2)}-${digits(r, 3)}`, (r) => ['289', digits(r, 3), digits(r, 3)]),
    ],
    mobile: (r) => [pick(r, ['91', '92', '93', '96']) + digits(r, 1), digits(r, 3), digits(r, 3)],
    tld: 'pt', personalDomains: ['gmail.com', 'sapo.pt', 'hotmail.com', 'outlook.pt'],
    mailboxes: ['geral', 'info', 'comercial'],
    legalForms: [['Lda.', 'Lda', 'Limitada', 'LDA'], ['S.A.', 'SA'], ['Unipessoal Lda.', 'Unipessoal, Lda']],
  },
  {
    code: 'BR', language: 'pt', callingCode: '55', trunk: '', alternative: 'paren',
    firstNames: names(BR_FIRST), lastNames: names(PT_LAST), twoSurnames: 0.5,
    cities: [
      city('São Paulo', 'SP', (r) => `0${digits(r, 4, '1234')}-${digits(r, 3)}`, (r) => ['11', digits(r, 4, '2345'), digits(r, 4)]),
      city('Rio de Janeiro', 'RJ', (r) => `2${digits(r, 4, '0123')}-${digits(r, 3)}`, (r) => ['21', digits(r, 4, '2345'), digits(r, 4)]),
      city('Belo Horizonte', 'MG', (r) => `3${digits(r, 4, '0')}-${digits(r, 3)}`, (r) => ['31', digits(r, 4, '2345'), digits(r, 4)]),
      city('Curitiba', 'PR', (r) => `8${digits(r, 4, '0')}-${digits(r, 3)}`, (r) => ['41', digits(r, 4, '3'), digits(r, 4)]),
      city('Porto Alegre', 'RS', (r) => `9${digits(r, 4, '0')}-${digits(r, 3)}`, (r) => ['51', digits(r, 4, '3'), digits(r, 4)]),
      city('Recife', 'PE', (r) => `5${digits(r, 4, '0')}-${digits(r, 3)}`, (r) => ['81', digits(r, 4, '3'), digits(r, 4)]),
    ],
    mobile: (r) => [pick(r, ['11', '21', '31', '41', '51', '81']), `9${digits(r, 4, '6789')}`, digits(r, 4)],
    tld: 'com.br', personalDomains: ['gmail.com', 'hotmail.com', 'uol.com.br', 'bol.com.br', 'yahoo.com.br'],
    mailboxes: ['contato', 'atendimento', 'vendas', 'comercial'],
    legalForms: [['Ltda.', 'Ltda', 'LTDA', 'Limitada'], ['S.A.', 'S/A', 'SA'], ['EIRELI', 'Eireli'], ['ME']],
  },
];

/** The countries the generators draw from, as ISO 3166-1 alpha-2 codes (the `region` option). */
export const GENERATOR_REGIONS: readonly string[] = COUNTRY_LIST.map((country) => country.code);

const NICKNAMES: ReadonlyMap<string, string> = new Map(
  (
    'Francisco:Paco,José:Pepe,Manuel:Manolo,Guillermo:Memo,Alejandro:Álex,Antonio:Toño,Dolores:Lola,Concepción:Concha,Ignacio:Nacho,' +
    'Jesús:Chuy,Javier:Javi,Robert:Bob,William:Bill,Richard:Rick,Margaret:Maggie,Elizabeth:Liz,Catherine:Kate,Michael:Mike,Thomas:Tom,' +
    'James:Jim,Christopher:Chris,Katherine:Kathy,Benjamin:Ben,Daniel:Dan,Matthew:Matt,Anthony:Tony,Alexander:Alex,Jennifer:Jen,' +
    'Patricia:Patty,Susan:Sue,Samuel:Sam,Rebecca:Becky,Joseph:Joe,Andrew:Andy,Johannes:Hans,Katharina:Kathi,Wolfgang:Wolfi,' +
    'Andreas:Andi,Maximilian:Max,Matthias:Matze,Frédéric:Fred,Sébastien:Seb,Nicolas:Nico,Jean-Pierre:JP,Santiago:Santi,' +
    'Sebastián:Sebas,Maximiliano:Maxi,Guadalupe:Lupe,Valentina:Vale,Catalina:Cata,Agustín:Agus,Florencia:Flor,Gabriel:Gabi,' +
    'Rafael:Rafa,Felipe:Pipe,Fernanda:Fer,Leonardo:Léo,Gustavo:Guga,Gonçalo:Gonça,Margarida:Guida,Ricardo:Rick,Alberto:Beto,Cristina:Cris'
  )
    .split(',')
    .map((pair) => pair.split(':') as [string, string]),
);

const STREETS: Record<Language, { readonly kinds: readonly (readonly [string, string])[]; readonly names: readonly string[] }> = {
  es: { kinds: [['Calle', 'C/'], ['Avenida', 'Avda.'], ['Paseo', 'Pº'], ['Plaza', 'Pza.']], names: ['Mayor', 'del Prado', 'de la Constitución', 'San Juan', 'Real', 'Alcalá', 'Gran Vía', 'de los Olivos', 'Colón', 'Cervantes', 'Insurgentes', 'Corrientes'] },
  en: { kinds: [['Street', 'St'], ['Road', 'Rd'], ['Avenue', 'Ave'], ['Lane', 'Ln']], names: ['High', 'Church', 'Station', 'Victoria', 'Green', 'Mill', 'King', 'Park', 'Oak', 'Elm', 'Main', 'Maple'] },
  fr: { kinds: [['rue', 'r.'], ['avenue', 'av.'], ['boulevard', 'bd'], ['place', 'pl.']], names: ['de la Paix', 'Victor Hugo', 'du Général Leclerc', 'des Lilas', 'Jean Jaurès', 'de la République', 'Pasteur', 'du Moulin'] },
  de: { kinds: [['straße', 'str.'], ['weg', 'weg'], ['platz', 'pl.'], ['allee', 'allee']], names: ['Haupt', 'Bahnhof', 'Schiller', 'Goethe', 'Linden', 'Berliner', 'Garten', 'Kirch', 'Mühlen', 'Rosen'] },
  pt: { kinds: [['Rua', 'R.'], ['Avenida', 'Av.'], ['Travessa', 'Tv.'], ['Praça', 'Pç.']], names: ['das Flores', 'da Liberdade', 'Augusta', 'do Comércio', 'Sete de Setembro', 'XV de Novembro', 'Dom Pedro II', 'da Paz'] },
};

function streetOf(language: Language, kind: readonly [string, string], name: string, number: number, short: boolean): string {
  const word = short ? kind[1] : kind[0];
  switch (language) {
    case 'es':
      return `${word} ${name}, ${number}`;
    case 'pt':
      return `${word} ${name}, ${number}`;
    case 'en':
      return `${number} ${name} ${word}`;
    case 'fr':
      return `${number} ${word} ${name}`;
    case 'de':
      return `${name}${word} ${number}`;
  }
}

const POSITIONS: Record<Language, readonly string[]> = {
  es: ['Director General', 'Jefe de Compras', 'Responsable de Ventas', 'Gerente', 'Administración', 'Directora Financiera'],
  en: ['CEO', 'Purchasing Manager', 'Sales Director', 'Office Manager', 'Head of Finance', 'Operations Lead'],
  fr: ['Directeur général', 'Responsable des achats', 'Directrice commerciale', 'Gérant', 'Comptable'],
  de: ['Geschäftsführer', 'Einkaufsleiter', 'Vertriebsleiterin', 'Prokurist', 'Buchhaltung'],
  pt: ['Diretor Geral', 'Gerente de Compras', 'Diretora Comercial', 'Sócio-gerente', 'Financeiro'],
};

const SECTORS: Record<Language, readonly (readonly [string, string])[]> = {
  es: [['Construcciones', 'Const.'], ['Transportes', 'Transp.'], ['Inversiones', 'Inv.'], ['Distribuciones', 'Dist.'], ['Consultores', 'Consult.'], ['Ingeniería', 'Ing.'], ['Soluciones Tecnológicas', 'Sol. Tec.'], ['Alimentación', 'Alim.'], ['Inmobiliaria', 'Inmob.'], ['Logística', 'Log.']],
  en: [['Consulting', 'Consult.'], ['Logistics', 'Log.'], ['Engineering', 'Eng.'], ['Holdings', 'Hldgs'], ['Foods', 'Foods'], ['Technologies', 'Tech'], ['Partners', 'Ptnrs'], ['Builders', 'Bldrs'], ['International', 'Intl'], ['Properties', 'Props']],
  fr: [['Conseil', 'Cons.'], ['Transports', 'Transp.'], ['Bâtiment', 'Bât.'], ['Ingénierie', 'Ing.'], ['Distribution', 'Distrib.'], ['Immobilier', 'Immo'], ['Technologies', 'Tech'], ['Services', 'Serv.']],
  de: [['Bau', 'Bau'], ['Logistik', 'Log.'], ['Maschinenbau', 'Masch.-Bau'], ['Immobilien', 'Immob.'], ['Beratung', 'Ber.'], ['Technik', 'Techn.'], ['Elektrotechnik', 'E-Technik'], ['Spedition', 'Sped.'], ['Lebensmittel', 'Lebensm.']],
  pt: [['Construções', 'Constr.'], ['Transportes', 'Transp.'], ['Engenharia', 'Eng.'], ['Consultoria', 'Consult.'], ['Distribuição', 'Distrib.'], ['Imobiliária', 'Imob.'], ['Tecnologia', 'Tec.'], ['Alimentos', 'Alim.'], ['Logística', 'Log.']],
};

const PLACES: Record<Language, readonly string[]> = {
  es: ['del Sur', 'Ibérica', 'del Norte', 'Mediterránea', 'Atlántica', 'Andina', 'del Pacífico', 'Levante'],
  en: ['Northern', 'Atlantic', 'Pacific', 'Midland', 'Coastal', 'United', 'Global', 'Western'],
  fr: ['du Sud', "de l'Ouest", 'Atlantique', 'Méditerranée', 'Alpes', 'Bretagne'],
  de: ['Nord', 'Süd', 'Rhein', 'Bayern', 'Elbe', 'Hanse'],
  pt: ['do Norte', 'Atlântico', 'Lusitana', 'Paulista', 'Carioca', 'Brasileira', 'do Sul'],
};

const AND: Record<Language, string> = { es: 'y', en: 'and', fr: 'et', de: 'und', pt: 'e' };
const OFFSPRING: Record<Language, readonly [string, string]> = {
  es: ['& Hijos', 'e Hijos'],
  en: ['& Sons', 'and Sons'],
  fr: ['& Fils', 'et Fils'],
  de: ['& Söhne', 'und Söhne'],
  pt: ['& Filhos', 'e Filhos'],
};

// ---------------------------------------------------------------------------------------------
// Rendering and errors

const E164 = 0;
const INTERNATIONAL = 1;
const NATIONAL = 2;
// 3: the national form punctuated the country's other way (`CountryData.alternative`).

const SEPARATORS = { paren: '-', dash: '-', dot: '.', slash: '' } as const;

/** `groups[from…]` joined by `separator` (a loop: this runs for most generated records). */
function joinFrom(groups: readonly string[], from: number, separator: string): string {
  let text = groups[from] ?? '';
  for (let i = from + 1; i < groups.length; i++) text += separator + (groups[i] ?? '');
  return text;
}

function renderPhone(phone: PhoneParts, style: number): string {
  const { country, groups } = phone;
  if (style === E164) return `+${country.callingCode}${joinFrom(groups, 0, '')}`;
  if (style === INTERNATIONAL) return `+${country.callingCode} ${joinFrom(groups, 0, ' ')}`;
  if (phone.argentineMobile) {
    // +54 9 11 2345 6789 is dialled 011 15-2345-6789 at home.
    return style === NATIONAL ? `0${groups[1] ?? ''} 15 ${joinFrom(groups, 2, ' ')}` : `(0${groups[1] ?? ''}) 15-${joinFrom(groups, 2, '-')}`;
  }
  const area = country.trunk + (groups[0] ?? '');
  if (style === NATIONAL) return `${area} ${joinFrom(groups, 1, ' ')}`;
  const rest = joinFrom(groups, 1, SEPARATORS[country.alternative]);
  switch (country.alternative) {
    case 'paren':
      return `(${area}) ${rest}`;
    case 'dash':
      return `${area}-${rest}`;
    case 'dot':
      return `${area}.${rest}`;
    case 'slash':
      return `${area}/${rest}`;
  }
}

const EXTENSIONS = [' ext. ', ' x', ' ext ', '#'];
const withExtension = (rng: Rng, value: string): string => `${value}${pick(rng, EXTENSIONS)}${String(100 + int(rng, 900))}`;

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** One keyboard slip: a letter inserted, deleted, replaced, or two letters swapped. */
function typo(rng: Rng, text: string): string {
  if (text.length < 3) return text;
  const at = int(rng, text.length - 1);
  const letter = LETTERS[int(rng, 26)] ?? 'e';
  switch (int(rng, 4)) {
    case 0:
      return text.slice(0, at + 1) + letter + text.slice(at + 1);
    case 1:
      return text.slice(0, at + 1) + text.slice(at + 2);
    case 2:
      return text.slice(0, at + 1) + letter + text.slice(at + 2);
    default:
      return text.slice(0, at) + text.charAt(at + 1) + text.charAt(at) + text.slice(at + 2);
  }
}

const stripAccents = (text: string): string => text.normalize('NFD').replace(/\p{M}+/gu, '');

// ---------------------------------------------------------------------------------------------
// The stream: records in blocks of at most `window`, shuffled inside the block, each cluster's
// original first, so every duplicate follows its original by fewer than `window` positions.

const DUPLICATES_WEIGHTS = [1, 1, 1, 1, 1, 2, 2, 2, 3, 3];

interface Planned {
  /** Records of the entity: 1 (the original) + its duplicates. */
  readonly size: number;
}

function* streamClusters<E extends Planned, R>(
  count: number,
  window: number,
  rng: Rng,
  plan: (entity: number) => E,
  build: (entity: E, ids: readonly string[]) => readonly R[],
  idPrefix: string,
  clusterPrefix: string,
): Generator<GeneratedRecord<R>, void, undefined> {
  const entities: E[] = [];
  const codes = new Int32Array(window);
  const originalAt = new Int32Array(window);
  const seenIn = new Int32Array(window).fill(-1);
  const records: (R | undefined)[] = new Array<R | undefined>(window);
  const clusters: string[] = new Array<string>(window);
  const originals = new Uint8Array(window);
  let carried: E | undefined;
  let nextEntity = 0;
  let position = 0;
  let block = 0;
  while (position < count) {
    entities.length = 0;
    const firstEntityOfBlock = nextEntity - (carried === undefined ? 0 : 1);
    const capacity = Math.min(window, count - position);
    let filled = 0;
    while (filled < capacity) {
      const entity = carried ?? plan(nextEntity++);
      carried = undefined;
      if (filled + entity.size > capacity) {
        if (filled > 0 && capacity === window) {
          carried = entity;
          break;
        }
        // The very end of the stream: the last entity loses duplicates to end on `count`.
        entities.push({ ...entity, size: capacity - filled });
        break;
      }
      entities.push(entity);
      filled += entity.size;
    }
    let n = 0;
    entities.forEach((entity, slot) => {
      for (let member = 0; member < entity.size; member++) codes[n++] = (slot << 2) | member;
    });
    for (let i = n - 1; i > 0; i--) {
      const j = int(rng, i + 1);
      const code = codes[i] ?? 0;
      codes[i] = codes[j] ?? 0;
      codes[j] = code;
    }
    for (let p = 0; p < n; p++) if (((codes[p] ?? 0) & 3) === 0) originalAt[(codes[p] ?? 0) >> 2] = p;
    for (let p = 0; p < n; p++) {
      const slot = (codes[p] ?? 0) >> 2;
      if (seenIn[slot] === block) continue;
      seenIn[slot] = block;
      const at = originalAt[slot] ?? p;
      if (at !== p) {
        codes[at] = codes[p] ?? 0;
        codes[p] = slot << 2;
      }
    }
    const ids = entities.map((entity) => new Array<string>(entity.size));
    for (let p = 0; p < n; p++) {
      const code = codes[p] ?? 0;
      const list = ids[code >> 2];
      if (list !== undefined) list[code & 3] = `${idPrefix}${position + p}`;
    }
    const placed = entities.map((entity, slot) => build(entity, ids[slot] ?? []));
    for (let p = 0; p < n; p++) {
      const code = codes[p] ?? 0;
      records[p] = placed[code >> 2]?.[code & 3];
      clusters[p] = `${clusterPrefix}${firstEntityOfBlock + (code >> 2)}`;
      originals[p] = (code & 3) === 0 ? 1 : 0;
    }
    for (let p = 0; p < n; p++) {
      const record = records[p];
      if (record === undefined) throw new Error('streamClusters: a record was not built');
      records[p] = undefined;
      yield { record, cluster: clusters[p] ?? '', original: originals[p] === 1 };
    }
    position += n;
    block++;
  }
}

interface GeneratorOptions {
  /** How many records to yield. */
  readonly count: number;
  /** Seed of the generator: the same seed and options yield the same records. */
  readonly seed: number;
  /** The share of people (or companies) that get 1 to 3 duplicates; 0.2 by default. */
  readonly duplicateShare?: number | undefined;
  /** Only this country (one of {@link GENERATOR_REGIONS}); all ten mixed by default. */
  readonly region?: string | undefined;
  /** Every duplicate follows its original by fewer than this many records; 50 by default. */
  readonly window?: number | undefined;
}

/** Options of {@link generateContacts}. */
export type GenerateContactsOptions = GeneratorOptions;
/** Options of {@link generateCompanies}. */
export type GenerateCompaniesOptions = GeneratorOptions;

function checkOptions(options: GeneratorOptions): { countries: readonly CountryData[]; share: number; window: number } {
  const { count, seed, duplicateShare = 0.2, region, window = 50 } = options;
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError('count is a whole number from 0');
  if (!Number.isSafeInteger(seed)) throw new RangeError('seed is a whole number');
  if (!(duplicateShare >= 0 && duplicateShare <= 1)) throw new RangeError('duplicateShare is from 0 to 1');
  if (!Number.isSafeInteger(window) || window < 4 || window > 1_000_000) throw new RangeError('window is a whole number from 4');
  const countries = region === undefined ? COUNTRY_LIST : COUNTRY_LIST.filter((country) => country.code === region);
  if (countries.length === 0) throw new RangeError(`region is one of ${GENERATOR_REGIONS.join(', ')}`);
  return { countries, share: duplicateShare, window };
}

// ---------------------------------------------------------------------------------------------
// Companies

interface CompanyInfo {
  readonly key: number;
  /** `org-<key>`: the company's true cluster, and the id contacts name in `companyIds`. */
  readonly id: string;
  /** The switchboard as the company writes it. */
  readonly switchboardText: string;
  readonly country: CountryData;
  readonly core: string;
  readonly forms: readonly string[];
  readonly comma: boolean;
  readonly domain: string;
  readonly website: string;
  readonly mailbox: string;
  readonly switchboard: PhoneParts;
  readonly switchboardStyle: number;
  readonly city: City;
  readonly postalCode: string;
  readonly street: string;
}

function companyAt(seed: number, key: number, countries: readonly CountryData[]): CompanyInfo {
  const rng = seededRandom((seed ^ Math.imul(key + 1, 0x9e3779b1)) >>> 0);
  // Company K is in country K mod n, so that people can work for a company of their own country.
  const country = countries[key % countries.length] ?? COUNTRY_LIST[0];
  if (country === undefined) throw new RangeError('no country');
  const language = country.language;
  const surname = pick(rng, country.lastNames);
  const [sector] = pick(rng, SECTORS[language]);
  let core: string;
  let slug: string;
  switch (int(rng, 5)) {
    case 0:
      core = language === 'es' || language === 'pt' || language === 'fr' ? `${sector} ${surname.text}` : `${surname.text} ${sector}`;
      slug = `${asciiWord(sector)}${surname.local}`;
      break;
    case 1: {
      const partner = pick(rng, country.lastNames);
      core = `${surname.text} & ${partner.text}`;
      slug = `${surname.local}${partner.local}`;
      break;
    }
    case 2:
      core = `${surname.text} ${OFFSPRING[language][0]}`;
      slug = `${surname.local}${asciiWord(OFFSPRING[language][1].slice(OFFSPRING[language][1].indexOf(' ') + 1))}`;
      break;
    default: {
      const place = pick(rng, PLACES[language]);
      core = language === 'en' || language === 'de' ? `${place} ${sector}` : `${sector} ${place}`;
      slug = `${asciiWord(sector)}${asciiWord(place)}`;
    }
  }
  slug = slug.slice(0, 24) + (rng() < 0.3 ? String(key % 100) : '');
  const domain = `${slug}.${country.tld}`;
  const cityOf = pick(rng, country.cities);
  const streets = STREETS[language];
  const switchboard: PhoneParts = { country, groups: cityOf.landline(rng), argentineMobile: false };
  const switchboardStyle = int(rng, 4);
  return {
    key,
    id: `org-${key}`,
    switchboardText: renderPhone(switchboard, switchboardStyle),
    country,
    core,
    forms: pick(rng, country.legalForms),
    comma: rng() < 0.25,
    domain,
    website: rng() < 0.6 ? `https://www.${domain}` : `https://${domain}`,
    mailbox: pick(rng, country.mailboxes),
    switchboard,
    switchboardStyle,
    city: cityOf,
    postalCode: cityOf.postal(rng),
    street: streetOf(language, pick(rng, streets.kinds), pick(rng, streets.names), 1 + int(rng, 200), false),
  };
}

const titleOf = (company: CompanyInfo, form: string | undefined): string =>
  form === undefined ? company.core : `${company.core}${company.comma ? ', ' : ' '}${form}`;

function companyRecord(company: CompanyInfo, id: string): LabelledCompany {
  return {
    id,
    title: titleOf(company, company.forms[0]),
    phones: [{ value: company.switchboardText, kind: 'work' }],
    emails: [{ value: `${company.mailbox}@${company.domain}`, kind: 'work' }],
    websites: [{ value: company.website, kind: 'work' }],
    address: { street: company.street, city: company.city.name, postalCode: company.postalCode, region: company.city.region, countryCode: company.country.code },
  };
}

function companyVariant(rng: Rng, company: CompanyInfo, id: string): LabelledCompany {
  const language = company.country.language;
  let form: string | undefined = company.forms[0];
  let core = company.core;
  let title: string | undefined;
  let phone: string | undefined = company.switchboardText;
  let email: string | undefined = `${company.mailbox}@${company.domain}`;
  let website: string | undefined = company.website;
  let address: LabelledCompany['address'] = {
    street: company.street,
    city: company.city.name,
    postalCode: company.postalCode,
    region: company.city.region,
    countryCode: company.country.code,
  };
  const changes = 1 + int(rng, 3);
  for (let c = 0; c < changes; c++) {
    switch (int(rng, 12)) {
      case 0:
        form = pick(rng, company.forms);
        break;
      case 1:
        form = undefined;
        break;
      case 2:
        core = core.includes(' & ') ? core.replace(' & ', ` ${AND[language]} `) : core.replace(` ${AND[language]} `, ' & ');
        break;
      case 3:
        title = rng() < 0.6 ? titleOf({ ...company, core }, form).toUpperCase() : titleOf({ ...company, core }, form).toLowerCase();
        break;
      case 4:
        core = stripAccents(core);
        break;
      case 5:
        core = typo(rng, core);
        break;
      case 6: {
        const sector = SECTORS[language].find(([long]) => core.includes(long));
        if (sector !== undefined) core = core.replace(sector[0], sector[1]);
        else core = language === 'en' && !core.startsWith('The ') ? `The ${core}` : core.replace(' ', '  ');
        break;
      }
      case 7:
        phone = rng() < 0.3 ? undefined : renderPhone(company.switchboard, int(rng, 4));
        break;
      case 8:
        email = rng() < 0.4 ? undefined : rng() < 0.5 ? email?.toUpperCase() : `${pick(rng, company.country.mailboxes)}@${company.domain}`;
        break;
      case 9:
        website = rng() < 0.3 ? undefined : pick(rng, [`http://${company.domain}`, `https://www.${company.domain}/`, `https://${company.domain}`]);
        break;
      case 10:
        address = rng() < 0.5 ? undefined : { city: company.city.name, countryCode: company.country.code };
        break;
      default:
        phone = phone === undefined || /ext|x|#/.test(phone) ? phone : withExtension(rng, phone);
    }
  }
  const record: Writable<LabelledCompany> = { id, title: title ?? titleOf({ ...company, core }, form) };
  if (phone !== undefined) record.phones = [{ value: phone, kind: 'work' }];
  if (email !== undefined) record.emails = [{ value: email, kind: 'work' }];
  if (website !== undefined) record.websites = [{ value: website, kind: 'work' }];
  if (address !== undefined) record.address = address;
  return record;
}

/**
 * Streams realistic CRM companies of ten countries with known duplicates: titles with legal forms
 * in five languages, written differently by the duplicates (`S.L.`/`SL`/none, `&`/`y`, case,
 * accents, typos, abbreviated sector words), switchboard phones in E.164 and national forms,
 * generic e-mail addresses and websites. Cluster `org-K` is company K, the company contacts of
 * {@link generateContacts} name in `companyIds` for the same seed and region.
 *
 * @param options - Count, seed, share of companies with duplicates, region, window.
 * @returns A generator of `{ record, cluster }`; record ids are `company-<position>`.
 */
export function generateCompanies(options: GenerateCompaniesOptions): Generator<GeneratedRecord<LabelledCompany>, void, undefined> {
  const { countries, share, window } = checkOptions(options);
  const rng = seededRandom(options.seed ^ 0x5bd1e995);
  return streamClusters(
    options.count,
    window,
    rng,
    (key) => {
      const company = companyAt(options.seed, key, countries);
      return { company, size: rng() < share ? 1 + pick(rng, DUPLICATES_WEIGHTS) : 1 };
    },
    ({ company }, ids) => ids.map((id, member) => (member === 0 ? companyRecord(company, id) : companyVariant(rng, company, id))),
    'company-',
    'org-',
  );
}

// ---------------------------------------------------------------------------------------------
// Contacts

interface ContactDraft {
  firstName: string | undefined;
  lastName: string | undefined;
  position: string | undefined;
  birthdate: string | undefined;
  street: string | undefined;
  city: string | undefined;
  postalCode: string | undefined;
  region: string | undefined;
  countryCode: string | undefined;
  email: string | undefined;
  emailKind: 'work' | 'home';
  mobile: string | undefined;
  work: string | undefined;
  companyId: string | undefined;
}

interface Person extends Planned {
  readonly draft: ContactDraft;
  readonly country: CountryData;
  readonly first: Name;
  readonly last: Name;
  /** The first of two surnames, when the person has two. */
  readonly firstSurname: string | undefined;
  readonly mobile: PhoneParts | undefined;
  readonly company: CompanyInfo | undefined;
  readonly streetParts: readonly [readonly [string, string], string, number] | undefined;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const two = (n: number): string => (n < 10 ? `0${n}` : String(n));

function contactRecord(draft: ContactDraft, id: string): LabelledRecord {
  const record: Writable<LabelledRecord> = { id };
  if (draft.firstName !== undefined) record.firstName = draft.firstName;
  if (draft.lastName !== undefined) record.lastName = draft.lastName;
  if (draft.position !== undefined) record.position = draft.position;
  if (draft.birthdate !== undefined) record.birthdate = draft.birthdate as LabelledRecord['birthdate'];
  if (draft.city !== undefined || draft.street !== undefined) {
    const address: Writable<NonNullable<ContactInput['address']>> = {};
    if (draft.street !== undefined) address.street = draft.street;
    if (draft.city !== undefined) address.city = draft.city;
    if (draft.postalCode !== undefined) address.postalCode = draft.postalCode;
    if (draft.region !== undefined) address.region = draft.region;
    if (draft.countryCode !== undefined) address.countryCode = draft.countryCode;
    record.address = address;
  }
  if (draft.email !== undefined) record.emails = [{ value: draft.email, kind: draft.emailKind }];
  if (draft.mobile !== undefined) {
    record.phones = draft.work === undefined ? [{ value: draft.mobile, kind: 'mobile' }] : [{ value: draft.mobile, kind: 'mobile' }, { value: draft.work, kind: 'work' }];
  } else if (draft.work !== undefined) {
    record.phones = [{ value: draft.work, kind: 'work' }];
  }
  if (draft.companyId !== undefined) record.companyIds = [draft.companyId];
  return record;
}

/**
 * The personal addresses given out so far, as bits of a 2 MB table indexed by a hash of the
 * address: a mail server gives each address to one person, so a second Pilar at a company gets
 * `pilar2@`, as people there do. A hash that collides only numbers an address that was free.
 */
class AddressBook {
  readonly #taken = new Uint8Array(1 << 21);

  /** The address, or the first of `name2@`, `name3@`, ... that no one holds yet; now held. */
  claim(mailbox: string, domain: string): string {
    for (let n = 1; ; n++) {
      const address = `${mailbox}${n === 1 ? '' : String(n)}@${domain}`;
      let hash = 0x811c9dc5;
      for (let i = 0; i < address.length; i++) hash = Math.imul(hash ^ address.charCodeAt(i), 0x01000193);
      const bit = (hash >>> 0) & 0xffffff;
      const byte = this.#taken[bit >>> 3] ?? 0;
      if ((byte & (1 << (bit & 7))) !== 0) continue;
      this.#taken[bit >>> 3] = byte | (1 << (bit & 7));
      return address;
    }
  }
}

function planPerson(rng: Rng, countries: readonly CountryData[], share: number, companyOf: (rng: Rng, country: number) => CompanyInfo, addresses: AddressBook): Person {
  const countryIndex = int(rng, countries.length);
  const country = countries[countryIndex] ?? COUNTRY_LIST[0];
  if (country === undefined) throw new RangeError('no country');
  const language = country.language;
  let first = pick(rng, country.firstNames);
  if ((language === 'es' || language === 'pt') && rng() < 0.25) {
    // José Luis, María Elena: a second given name, which duplicates often leave out.
    const second = pick(rng, country.firstNames);
    if (!first.text.includes(' ') && !second.text.includes(' ') && second !== first) first = compoundName(first, second);
  }
  const last = pick(rng, country.lastNames);
  let lastName = last.text;
  let lastAscii = last.local;
  let firstSurname: string | undefined;
  if (country.twoSurnames > 0 && rng() < country.twoSurnames) {
    firstSurname = lastName;
    const second = pick(rng, country.lastNames);
    lastName = `${lastName} ${second.text}`;
    if (language === 'pt') lastAscii = second.local;
  }
  const employed = rng() < 0.75;
  const company = employed ? companyOf(rng, countryIndex) : undefined;
  const streets = STREETS[language];
  const cityOf = company !== undefined && rng() < 0.6 ? company.city : pick(rng, country.cities);
  const hasAddress = rng() < 0.55;
  const streetParts = hasAddress ? ([pick(rng, streets.kinds), pick(rng, streets.names), 1 + int(rng, 150)] as const) : undefined;
  let birthdate: string | undefined;
  if (rng() < 0.4) {
    const month = int(rng, 12);
    birthdate = `${1950 + int(rng, 54)}-${two(month + 1)}-${two(1 + int(rng, MONTH_DAYS[month] ?? 28))}`;
  }
  // E-mail: work (several shapes), personal, a shared mailbox of the company, or none.
  let email: string | undefined;
  let emailKind: 'work' | 'home' = 'work';
  const mail = rng();
  const local = first.local;
  if (company !== undefined && mail < 0.6) {
    const shape = int(rng, 4);
    email = addresses.claim(shape === 0 ? `${local}.${lastAscii}` : shape === 1 ? `${local.charAt(0)}${lastAscii}` : shape === 2 ? `${local}${lastAscii}` : local, company.domain);
  } else if (company !== undefined && mail < 0.72) {
    email = `${company.mailbox}@${company.domain}`;
  } else if (mail < 0.87) {
    email = addresses.claim(`${local}.${lastAscii}${rng() < 0.4 ? String(int(rng, 100)) : ''}`, pick(rng, country.personalDomains));
    emailKind = 'home';
  }
  // Phones: a mobile, the company's switchboard (often with an extension), both, or none.
  const phoning = rng();
  const mobile: PhoneParts | undefined = phoning < 0.7 ? { country, groups: country.mobile(rng), argentineMobile: country.code === 'AR' } : undefined;
  let work: string | undefined;
  if (company !== undefined && phoning > 0.45 && phoning < 0.92) {
    work = rng() < 0.5 ? withExtension(rng, company.switchboardText) : company.switchboardText;
  }
  const draft: ContactDraft = {
    firstName: first.text,
    lastName,
    position: company !== undefined && rng() < 0.5 ? pick(rng, POSITIONS[language]) : undefined,
    birthdate,
    street: streetParts === undefined ? undefined : streetOf(language, streetParts[0], streetParts[1], streetParts[2], false),
    city: hasAddress || rng() < 0.3 ? cityOf.name : undefined,
    postalCode: hasAddress ? cityOf.postal(rng) : undefined,
    region: hasAddress ? cityOf.region : undefined,
    countryCode: rng() < 0.85 ? country.code : undefined,
    email,
    emailKind,
    mobile: mobile === undefined ? undefined : renderPhone(mobile, int(rng, 4)),
    work,
    companyId: company === undefined || rng() < 0.1 ? undefined : company.id,
  };
  const size = rng() < share ? 1 + pick(rng, DUPLICATES_WEIGHTS) : 1;
  return { size, draft, country, first, last, firstSurname, mobile, company, streetParts };
}

// Weights of the errors a duplicate carries (codes of `contactVariant`).
const CONTACT_ERRORS = [0, 0, 1, 1, 1, 2, 3, 3, 4, 5, 6, 7, 8, 8, 9, 9, 9, 10, 10, 11, 12, 13, 14];

function contactVariant(rng: Rng, person: Person): ContactDraft {
  const draft: ContactDraft = { ...person.draft };
  const changes = 1 + int(rng, 3);
  for (let c = 0; c < changes; c++) {
    switch (pick(rng, CONTACT_ERRORS)) {
      case 0:
        if (draft.firstName !== undefined) draft.firstName = typo(rng, draft.firstName);
        break;
      case 1:
        if (draft.lastName !== undefined) draft.lastName = typo(rng, draft.lastName);
        break;
      case 2:
        [draft.firstName, draft.lastName] = [draft.lastName, draft.firstName];
        break;
      case 3:
        // A part left out: the second surname or given name, else the first name.
        if (person.firstSurname !== undefined && draft.lastName === person.draft.lastName && rng() < 0.7) draft.lastName = person.firstSurname;
        else if (person.first.text.includes(' ') && draft.firstName === person.first.text && rng() < 0.6) draft.firstName = person.first.text.slice(0, person.first.text.indexOf(' '));
        else if (draft.lastName !== undefined) draft.firstName = undefined;
        break;
      case 4:
        draft.email = undefined;
        break;
      case 5:
        if (draft.mobile !== undefined && draft.work !== undefined && rng() < 0.5) draft.work = undefined;
        else draft.mobile = undefined;
        break;
      case 6:
        if (rng() < 0.5) draft.birthdate = undefined;
        else draft.street = draft.postalCode = draft.region = undefined;
        break;
      case 7:
        if (rng() < 0.5) draft.lastName = draft.lastName?.toUpperCase();
        else {
          draft.firstName = draft.firstName?.toLowerCase();
          draft.lastName = draft.lastName?.toLowerCase();
        }
        break;
      case 8:
        if (draft.firstName !== undefined) draft.firstName = stripAccents(draft.firstName);
        if (draft.lastName !== undefined) draft.lastName = stripAccents(draft.lastName);
        if (draft.city !== undefined) draft.city = stripAccents(draft.city);
        break;
      case 9:
        // The same numbers written another way: national against international, an extension.
        if (person.mobile !== undefined) draft.mobile = renderPhone(person.mobile, int(rng, 4));
        if (draft.work !== undefined && person.company !== undefined) {
          const switchboard = renderPhone(person.company.switchboard, int(rng, 4));
          draft.work = rng() < 0.5 ? withExtension(rng, switchboard) : switchboard;
        }
        if (draft.mobile !== undefined && draft.work === undefined && rng() < 0.15) draft.mobile = withExtension(rng, draft.mobile);
        break;
      case 10: {
        if (draft.firstName === person.first.text) {
          const nickname = NICKNAMES.get(person.first.text);
          draft.firstName = nickname !== undefined && rng() < 0.7 ? nickname : `${person.first.text.charAt(0)}.`;
        }
        break;
      }
      case 11:
        if (draft.email !== undefined) draft.email = rng() < 0.5 ? draft.email.toUpperCase() : draft.email.charAt(0).toUpperCase() + draft.email.slice(1);
        break;
      case 12:
        // A personal address instead of the work one, or a slip in the address.
        if (draft.email === undefined || rng() < 0.6) {
          draft.email = `${person.first.local}${pick(rng, ['.', '_', ''])}${person.last.local}@${pick(rng, person.country.personalDomains)}`;
          draft.emailKind = 'home';
        } else {
          const at = draft.email.indexOf('@');
          const slipped = typo(rng, draft.email.slice(0, at)).replace(/\.{2,}/g, '.').replace(/^\.|\.$/g, '');
          draft.email = (slipped === '' ? 'x' : slipped) + draft.email.slice(at);
        }
        break;
      case 13:
        if (person.streetParts !== undefined && draft.street !== undefined) {
          const [kind, name, number] = person.streetParts;
          draft.street = rng() < 0.6 ? streetOf(person.country.language, kind, name, number, true) : typo(rng, draft.street);
        }
        break;
      default:
        draft.position = undefined;
        draft.companyId = undefined;
    }
  }
  if (draft.firstName === undefined && draft.lastName === undefined) draft.lastName = person.last.text;
  return draft;
}

/**
 * Streams realistic CRM contacts of ten countries (Spanish, Latin-American, English, French,
 * German, Portuguese and Brazilian names, accents included) with known duplicates: a share of
 * people get 1 to 3 duplicates carrying typical errors (typos, swapped or missing name parts,
 * case and accents, national against international phones, nicknames and initials, e-mail case,
 * personal against work e-mails, abbreviated streets). Colleagues share switchboard numbers and
 * generic mailboxes such as `info@`; a personal address belongs to one person (a namesake at the
 * same company or mail provider gets `pilar2@`). Each duplicate follows its original by fewer than `window`
 * records, so truth can be kept while streaming. The generator holds one window at a time:
 * a million records can be consumed without an array.
 *
 * @param options - Count, seed, share of people with duplicates (0.2), region, window (50).
 * @returns A generator of `{ record, cluster }`; record ids are `contact-<position>`, clusters
 * `person-<n>`.
 */
export function generateContacts(options: GenerateContactsOptions): Generator<GeneratedRecord<LabelledRecord>, void, undefined> {
  const { countries, share, window } = checkOptions(options);
  const rng = seededRandom(options.seed);
  // Employers: one company for 20 people up to 10,000 companies (past that, bigger companies: a
  // table that stays in the processor's cache keeps the generator fast), built on first use.
  const companies = Math.max(20, Math.min(10_000, Math.ceil(options.count / 20)));
  const built: (CompanyInfo | undefined)[] = [];
  const companyOf = (random: Rng, country: number): CompanyInfo => {
    // Keys of companies in the person's country: country, country + n, country + 2n, ...
    const key = country + countries.length * int(random, Math.ceil(companies / countries.length));
    let company = built[key];
    if (company === undefined) {
      company = companyAt(options.seed, key, countries);
      built[key] = company;
    }
    return company;
  };
  const addresses = new AddressBook();
  return streamClusters(
    options.count,
    window,
    rng,
    () => planPerson(rng, countries, share, companyOf, addresses),
    (person, ids) => ids.map((id, member) => contactRecord(member === 0 ? person.draft : contactVariant(rng, person), id)),
    'contact-',
    'person-',
  );
}
