// The sales board: crm-kit running entirely in the page. Everything a person does here goes
// through the CRM as that person (`crm.as(principal)`): what they may read, the fields they may see,
// the moves they may make. No framework: the page is redrawn from the CRM and a small state after
// every change, and every action runs one at a time, its refusal shown rather than thrown.
import type { CrmSession, DuplicateCandidate, EntityRecord, Issue, KanbanBoard, KanbanTarget, StoreAdapter } from 'crm-kit';
import { DEFAULT_LOSS_REASONS, isCrmError } from 'crm-kit';
import type { CsvImportAccount } from 'crm-kit/csv';
import { importCsv } from 'crm-kit/csv';
import { createMemoryStore } from 'crm-kit/memory';
import type { Language } from './i18n.js';
import { countText, explanationText, moneyText, scoreText, wordsOf } from './i18n.js';
import { NAMES, PEOPLE, salesCrm, seed } from './sales-team.js';
import './style.css';

type Person = keyof typeof PEOPLE;
type Deal = EntityRecord<'deal'>;
type Contact = EntityRecord<'contact'>;

const params = new URLSearchParams(location.search);
const storeKind = params.get('store') === 'pglite' ? 'pglite' : 'memory';

/** PGlite in IndexedDB, loaded only when asked for: the memory store's page does not carry it. */
async function pgliteStore(): Promise<StoreAdapter> {
  const [{ PGlite }, { createPostgresStore, fromPGlite, migrate }] = await Promise.all([import('@electric-sql/pglite'), import('crm-kit/postgres')]);
  const db = fromPGlite(await PGlite.create('idb://crm-kit-sales-board'));
  await migrate(db, { schema: 'crm' });
  return createPostgresStore({ db, schema: 'crm' });
}

const crm = salesCrm(storeKind === 'pglite' ? await pgliteStore() : createMemoryStore());
await seed(crm);

/** What the page shows besides the CRM's records: kept here so that a redraw keeps it. */
interface State {
  person: Person;
  language: Language;
  /** The file read and its dry run, before "Import"; then the import's account. */
  preview?: { readonly file: Uint8Array; readonly account: CsvImportAccount } | undefined;
  /** The contact whose duplicates are open, and their candidates. */
  duplicates?: { readonly contactId: string; readonly candidates: readonly DuplicateCandidate[]; readonly names: ReadonlyMap<string, string> } | undefined;
  /** The last merge, until it is undone or another is made. */
  merged?: { readonly mergeId: string; readonly survivor: string } | undefined;
  /** What the last action came to: a refusal (with its code and issues) or a message. */
  note?: { readonly kind: 'refused'; readonly code: string; readonly issues: readonly Issue[] } | { readonly kind: 'undone' } | undefined;
}

const state: State = {
  person: params.get('person') === 'ana' ? 'ana' : 'rosa',
  language: params.get('lang') === 'es' ? 'es' : 'en',
};
const me = (): CrmSession => crm.as(PEOPLE[state.person]);
const words = () => wordsOf(state.language);
const count = (value: number): string => countText(value, state.language);

/** Makes an element with attributes and children. */
function h(tag: string, attributes: Readonly<Record<string, string>> = {}, ...children: (Node | string)[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

const root = document.querySelector<HTMLElement>('#app');
if (root === null) throw new Error('the page has no #app element');

let busy = false;
/**
 * Runs an action of the person's, one at a time (a second click while one runs does nothing), shows
 * a refusal of the CRM's instead of throwing it, and redraws the page afterwards.
 */
async function act(action: () => Promise<void>): Promise<void> {
  if (busy) return;
  busy = true;
  try {
    await action();
  } catch (error) {
    if (!isCrmError(error)) throw error;
    state.note = { kind: 'refused', code: error.code, issues: 'issues' in error && Array.isArray(error.issues) ? (error.issues as readonly Issue[]) : [] };
  } finally {
    busy = false;
  }
  await render();
}

async function render(): Promise<void> {
  const session = me();
  const board = await session.pipelines.kanban('deal', { includeFinal: true });
  const seesMargin = session.fields.list('deal').custom.some((field) => field.code === 'margin');
  const contacts = await session.contacts.find({ sort: [{ field: 'lastName', direction: 'asc' }] });
  document.documentElement.lang = state.language;
  document.title = `crm-kit · ${words().title}`;
  // The element that had the focus gets it back after the redraw (found again by its id).
  const focused = document.activeElement?.id ?? '';
  root?.replaceChildren(header(board), boardView(board, seesMargin), h('div', { class: 'panels' }, importPanel(), contactsPanel(contacts.items)));
  if (focused !== '') document.getElementById(focused)?.focus();
}

function header(board: KanbanBoard<Deal>): HTMLElement {
  const w = words();
  const person = h('select', { id: 'person' }, ...Object.entries(NAMES).map(([key, name]) => h('option', { value: key, ...(key === state.person ? { selected: '' } : {}) }, name)));
  person.addEventListener('change', () => {
    state.person = (person as HTMLSelectElement).value === 'ana' ? 'ana' : 'rosa';
    state.duplicates = undefined;
    void render();
  });
  const language = h('select', { id: 'language' }, h('option', { value: 'en', ...(state.language === 'en' ? { selected: '' } : {}) }, 'English'), h('option', { value: 'es', ...(state.language === 'es' ? { selected: '' } : {}) }, 'Español'));
  language.addEventListener('change', () => {
    state.language = (language as HTMLSelectElement).value === 'es' ? 'es' : 'en';
    void render();
  });
  return h(
    'header',
    {},
    h('h1', {}, w.title),
    h('label', { for: 'person' }, w.person),
    person,
    h('label', { for: 'language' }, w.language),
    language,
    h('span', { class: 'store' }, w.store(storeKind === 'pglite' ? w.pglite : w.memory)),
    h('span', { id: 'board-total', class: 'total' }, `${w.boardTotal}: ${w.deals(count(board.count), board.count === 1)} · ${moneyText(board.total, state.language)}`),
    ...noteView(),
  );
}

function noteView(): HTMLElement[] {
  const w = words();
  const note = state.note;
  if (note === undefined) return [];
  if (note.kind === 'undone') return [h('p', { id: 'note', role: 'status' }, w.undone)];
  return [h('div', { id: 'note', role: 'alert' }, h('p', {}, `${w.refused(note.code)} ${w.refusedIssues}`), h('ul', {}, ...note.issues.slice(0, 5).map((found) => h('li', {}, found.message))))];
}

function boardView(board: KanbanBoard<Deal>, seesMargin: boolean): HTMLElement {
  const w = words();
  const label = (stage: { readonly name: string; readonly labels?: Readonly<Record<string, string>> | undefined }): string => stage.labels?.[state.language] ?? stage.name;
  const columns = board.columns.map((column) =>
    dropZone(
      { column: column.stage.id },
      h(
        'section',
        { class: 'column', 'data-stage': column.stage.id },
        h('h2', {}, label(column.stage)),
        h('p', { class: 'column-total' }, `${w.deals(count(column.count), column.count === 1)} · ${moneyText(column.total, state.language)}`),
        ...column.items.map((deal) => card(deal, seesMargin, board)),
      ),
    ),
  );
  const won = board.final?.won;
  const lost = board.final?.lost.reduce((sum, column) => sum + column.count, 0) ?? 0;
  const finals = h(
    'div',
    { class: 'finals' },
    dropZone({ zone: 'won' }, h('section', { class: 'zone won', 'data-zone': 'won' }, h('h2', {}, w.won), h('p', { class: 'zone-count' }, `${w.deals(count(won?.count ?? 0), won?.count === 1)} · ${moneyText(won?.total, state.language)}`), h('p', { class: 'hint' }, w.dropHere))),
    dropZone({ zone: 'lost' }, h('section', { class: 'zone lost', 'data-zone': 'lost' }, h('h2', {}, w.lost), h('p', { class: 'zone-count' }, w.deals(count(lost), lost === 1)), h('p', { class: 'hint' }, w.dropHere))),
  );
  return h('main', {}, h('div', { class: 'board' }, ...columns), finals);
}

function card(deal: Deal, seesMargin: boolean, board: KanbanBoard<Deal>): HTMLElement {
  const w = words();
  const marginValue = deal.custom.margin as Parameters<typeof moneyText>[0];
  // The keyboard's way: choose where in the list, then press Move (a list alone would move the
  // deal as soon as an arrow key changed its value).
  const where = h(
    'select',
    { class: 'move', id: `move-${deal.id}`, 'aria-label': w.moveDeal(deal.title) },
    ...board.columns.filter((column) => column.stage.id !== deal.stageId).map((column) => h('option', { value: `column:${column.stage.id}` }, column.stage.labels?.[state.language] ?? column.stage.name)),
    h('option', { value: 'zone:won' }, w.won),
    h('option', { value: 'zone:lost' }, w.lost),
  ) as HTMLSelectElement;
  const move = h('button', { class: 'move-button', id: `move-button-${deal.id}` }, w.moveButton);
  move.addEventListener('click', () => {
    const [kind, value = ''] = where.value.split(':');
    void moveDeal(deal.id, kind === 'column' ? { column: value } : value === 'won' ? { zone: 'won' } : { zone: 'lost' });
  });
  const element = h(
    'article',
    { class: 'card', draggable: 'true', 'data-deal': deal.id },
    h('h3', {}, deal.title),
    h('p', { class: 'amount' }, moneyText(deal.amount, state.language)),
    ...(seesMargin ? [h('p', { class: 'margin', 'data-field': 'custom.margin' }, `${w.margin}: ${moneyText(marginValue, state.language)}`)] : []),
    h('div', { class: 'move-row' }, where, move),
  );
  element.addEventListener('dragstart', (event) => {
    event.dataTransfer?.setData('text/plain', deal.id);
  });
  return element;
}

function dropZone(target: KanbanTarget, element: HTMLElement): HTMLElement {
  element.addEventListener('dragover', (event) => {
    event.preventDefault();
    element.classList.add('over');
  });
  element.addEventListener('dragleave', () => {
    element.classList.remove('over');
  });
  element.addEventListener('drop', (event) => {
    event.preventDefault();
    const id = event.dataTransfer?.getData('text/plain');
    if (id !== undefined && id !== '') void moveDeal(id, target);
  });
  return element;
}

/** A card dropped on a column or a zone: one checked write; a loss asks for its reason first. */
function moveDeal(id: string, target: KanbanTarget): Promise<void> {
  return act(async () => {
    const session = me();
    const deal = await session.deals.get(id);
    // Back on its own column: nothing to do.
    if (deal === null || ('column' in target && target.column === deal.stageId)) return;
    let lossReasonId: string | undefined;
    if ('zone' in target && target.zone === 'lost') {
      lossReasonId = await askLossReason();
      if (lossReasonId === undefined) return;
    }
    state.note = undefined;
    await session.pipelines.moveOnBoard('deal', id, target, { expectedVersion: deal.version, ...(lossReasonId === undefined ? {} : { lossReasonId }) });
  });
}

function askLossReason(): Promise<string | undefined> {
  const w = words();
  const reasons = h('select', { id: 'loss-reason' }, ...DEFAULT_LOSS_REASONS.map((reason) => h('option', { value: reason.id }, reason.labels[state.language] ?? reason.id))) as HTMLSelectElement;
  const dialog = h('dialog', { id: 'loss-dialog', 'aria-labelledby': 'loss-title' }, h('form', { method: 'dialog' }, h('p', { id: 'loss-title' }, w.lossTitle), h('label', { for: 'loss-reason' }, w.lossReason), reasons, h('menu', {}, h('button', { value: 'cancel' }, w.cancel), h('button', { value: 'confirm', id: 'confirm-loss' }, w.confirm)))) as HTMLDialogElement;
  document.body.append(dialog);
  dialog.showModal();
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'confirm' ? reasons.value : undefined);
      dialog.remove();
    });
  });
}

function importPanel(): HTMLElement {
  const w = words();
  const input = h('input', { type: 'file', id: 'csv-file', accept: '.csv,text/csv' }) as HTMLInputElement;
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (file !== undefined) void previewImport(file);
  });
  const panel = h('section', { class: 'panel import', id: 'import' }, h('h2', {}, w.importTitle), h('p', { class: 'hint' }, w.importHint), h('label', { class: 'button' }, w.chooseFile, input));
  panel.addEventListener('dragover', (event) => {
    event.preventDefault();
  });
  panel.addEventListener('drop', (event) => {
    event.preventDefault();
    const file = event.dataTransfer?.files[0];
    if (file !== undefined) void previewImport(file);
  });
  const preview = state.preview;
  if (preview !== undefined) panel.append(...accountView(preview.account));
  return panel;
}

/** A dry run first: the mapping and what would become of every row, with nothing written. */
function previewImport(file: File): Promise<void> {
  return act(async () => {
    // A file that cannot be read leaves no earlier preview behind to import by mistake.
    state.preview = undefined;
    state.note = undefined;
    const bytes = new Uint8Array(await file.arrayBuffer());
    const account = await importCsv(me(), 'contact', bytes, { dryRun: true, duplicates: 'skip' });
    state.preview = { file: bytes, account };
  });
}

function accountView(account: CsvImportAccount): HTMLElement[] {
  const w = words();
  const standard = me().fields.list('contact').standard;
  const labelOf = (code: string): string => standard.find((field) => field.code === code)?.labels[state.language] ?? code;
  const target = (column: CsvImportAccount['mapping']['columns'][number]): string =>
    column.target.kind === 'ignore' ? w.notImported : column.target.kind === 'fullName' ? `${labelOf('firstName')} + ${labelOf('lastName')}` : column.target.kind === 'address' ? labelOf('address') : labelOf(column.target.field);
  const rows = [...account.mapping.columns.map((column) => h('tr', {}, h('td', {}, column.header), h('td', {}, target(column)))), ...account.mapping.unmapped.map((column) => h('tr', {}, h('td', {}, column.header), h('td', {}, w.notImported)))];
  const out: HTMLElement[] = [
    h('h3', {}, w.mapping),
    h('table', { id: 'mapping' }, h('thead', {}, h('tr', {}, h('th', {}, w.column), h('th', {}, w.field))), h('tbody', {}, ...rows)),
    h('p', { id: 'import-account' }, w.account(count(account.rows), count(account.imported), count(account.skipped), count(account.rejected), account.dryRun, account.rows === 1)),
    // The reasons are the library's (English) messages, each with its line.
    h('ul', { class: 'rejected' }, ...account.notImportedRows.map((row) => h('li', {}, `${w.line(count(row.line))}: ${row.issues.map((found) => found.message).join(' ')}`))),
  ];
  if (account.dryRun && account.imported + account.updated > 0) {
    const go = h('button', { id: 'import-now' }, w.importNow);
    go.addEventListener('click', () => {
      void runImport();
    });
    out.push(go);
  } else if (!account.dryRun) out.push(h('p', { role: 'status' }, w.imported));
  return out;
}

/** The rows of the preview, with the mapping it showed; once, however often the button is pressed. */
function runImport(): Promise<void> {
  return act(async () => {
    const preview = state.preview;
    if (!preview?.account.dryRun) return;
    const account = await importCsv(me(), 'contact', preview.file, { duplicates: 'skip', mapping: preview.account.mapping });
    state.preview = { file: preview.file, account };
  });
}

function contactsPanel(contacts: readonly Contact[]): HTMLElement {
  const w = words();
  const merged = state.merged;
  return h(
    'section',
    { class: 'panel contacts', id: 'contacts' },
    h('h2', {}, w.contacts),
    ...(merged === undefined ? [] : [h('p', { id: 'merged', role: 'status' }, w.merged(merged.survivor), ' ', undoButton(merged.mergeId))]),
    h(
      'ul',
      { class: 'contact-list' },
      ...contacts.map((contact) => {
        const button = h('button', { class: 'find-duplicates' }, w.duplicates);
        button.addEventListener('click', () => {
          void showDuplicates(contact);
        });
        const open = state.duplicates?.contactId === contact.id ? [duplicatesView(contact, state.duplicates.candidates, state.duplicates.names)] : [];
        return h('li', { 'data-contact': contact.id }, h('span', { class: 'name' }, crm.displayName(contact)), button, ...open);
      }),
    ),
  );
}

function showDuplicates(contact: Contact): Promise<void> {
  return act(async () => {
    const session = me();
    const candidates = await session.duplicates.check('contact', contact);
    const names = new Map<string, string>();
    for (const candidate of candidates) {
      const other = await session.contacts.get(candidate.id);
      names.set(candidate.id, other === null ? candidate.id : crm.displayName(other));
    }
    state.duplicates = { contactId: contact.id, candidates, names };
  });
}

function duplicatesView(contact: Contact, candidates: readonly DuplicateCandidate[], names: ReadonlyMap<string, string>): HTMLElement {
  const w = words();
  const list = h('div', { class: 'duplicates' });
  if (candidates.length === 0) list.append(h('p', {}, w.noDuplicates));
  for (const candidate of candidates) {
    const merge = h('button', { class: 'merge' }, w.mergeInto);
    merge.addEventListener('click', () => {
      void mergeInto(contact, candidate.id);
    });
    list.append(
      h(
        'div',
        { class: 'candidate', 'data-candidate': candidate.id },
        h('strong', {}, names.get(candidate.id) ?? candidate.id),
        ` · ${w.score(scoreText(candidate.score, state.language))}`,
        h('ul', { class: 'explanation' }, ...candidate.explanation.map((part) => h('li', {}, explanationText(part, state.language)))),
        merge,
      ),
    );
  }
  return list;
}

function mergeInto(survivor: Contact, absorbedId: string): Promise<void> {
  return act(async () => {
    const { mergeId } = await me().contacts.merge(survivor.id, [absorbedId], { policy: 'survivorWins' });
    state.duplicates = undefined;
    state.note = undefined;
    state.merged = { mergeId, survivor: crm.displayName(survivor) };
  });
}

function undoButton(mergeId: string): HTMLElement {
  const undo = h('button', { id: 'undo-merge' }, words().undo);
  undo.addEventListener('click', () => {
    void act(async () => {
      await me().merges.undo(mergeId);
      state.merged = undefined;
      state.note = { kind: 'undone' };
    });
  });
  return undo;
}

await render();
