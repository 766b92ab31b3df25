// The sales board: crm-kit running entirely in the page. Everything a person does here goes
// through the CRM as that person (`crm.as(principal)`): what they may read, the fields they may see,
// the moves they may make. No framework: the page is redrawn from the CRM after every change.
import type { CrmSession, DuplicateCandidate, EntityRecord, KanbanBoard, KanbanTarget, StoreAdapter } from 'crm-kit';
import { DEFAULT_LOSS_REASONS, isCrmError } from 'crm-kit';
import type { CsvImportAccount } from 'crm-kit/csv';
import { importCsv } from 'crm-kit/csv';
import { createMemoryStore } from 'crm-kit/memory';
import type { Language } from './i18n.js';
import { moneyText, scoreText, wordsOf } from './i18n.js';
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

const state: { person: Person; language: Language; preview?: { file: Uint8Array; account: CsvImportAccount } | undefined; note?: string | undefined } = {
  person: params.get('person') === 'ana' ? 'ana' : 'rosa',
  language: params.get('lang') === 'es' ? 'es' : 'en',
};
const me = (): CrmSession => crm.as(PEOPLE[state.person]);
const words = () => wordsOf(state.language);

/** Makes an element with attributes and children. */
function h(tag: string, attributes: Readonly<Record<string, string>> = {}, ...children: (Node | string)[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

const root = document.querySelector<HTMLElement>('#app');
if (root === null) throw new Error('the page has no #app element');

async function render(): Promise<void> {
  const session = me();
  const board = await session.pipelines.kanban('deal', { includeFinal: true });
  const seesMargin = session.fields.list('deal').custom.some((field) => field.code === 'margin');
  const contacts = await session.contacts.find({ sort: [{ field: 'lastName', direction: 'asc' }] });
  document.documentElement.lang = state.language;
  document.title = `crm-kit · ${words().title}`;
  root?.replaceChildren(header(board), boardView(board, seesMargin), h('div', { class: 'panels' }, importPanel(), contactsPanel(contacts.items)));
}

function header(board: KanbanBoard<Deal>): HTMLElement {
  const w = words();
  const person = h('select', { id: 'person', 'aria-label': w.person }, ...Object.entries(NAMES).map(([key, name]) => h('option', { value: key, ...(key === state.person ? { selected: '' } : {}) }, name)));
  person.addEventListener('change', () => {
    state.person = (person as HTMLSelectElement).value === 'ana' ? 'ana' : 'rosa';
    void render();
  });
  const language = h('select', { id: 'language', 'aria-label': w.language }, h('option', { value: 'en', ...(state.language === 'en' ? { selected: '' } : {}) }, 'English'), h('option', { value: 'es', ...(state.language === 'es' ? { selected: '' } : {}) }, 'Español'));
  language.addEventListener('change', () => {
    state.language = (language as HTMLSelectElement).value === 'es' ? 'es' : 'en';
    void render();
  });
  return h(
    'header',
    {},
    h('h1', {}, w.title),
    h('label', {}, `${w.person} `, person),
    h('label', {}, `${w.language} `, language),
    h('span', { class: 'store' }, w.store(storeKind === 'pglite' ? w.pglite : w.memory)),
    h('span', { id: 'board-total', class: 'total' }, `${w.boardTotal}: ${w.deals(board.count)} · ${moneyText(board.total, state.language)}`),
    ...(state.note === undefined ? [] : [h('p', { id: 'note', role: 'status' }, state.note)]),
  );
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
        h('p', { class: 'column-total' }, `${w.deals(column.count)} · ${moneyText(column.total, state.language)}`),
        ...column.items.map((deal) => card(deal, seesMargin, board)),
      ),
    ),
  );
  const won = board.final?.won;
  const finals = h(
    'div',
    { class: 'finals' },
    dropZone({ zone: 'won' }, h('section', { class: 'zone won', 'data-zone': 'won' }, h('h2', {}, w.won), h('p', {}, `${w.deals(won?.count ?? 0)} · ${moneyText(won?.total, state.language)}`), h('p', { class: 'hint' }, w.dropHere))),
    dropZone({ zone: 'lost' }, h('section', { class: 'zone lost', 'data-zone': 'lost' }, h('h2', {}, w.lost), h('p', {}, w.deals(board.final?.lost.reduce((sum, column) => sum + column.count, 0) ?? 0)), h('p', { class: 'hint' }, w.dropHere))),
  );
  return h('main', {}, h('div', { class: 'board' }, ...columns), finals);
}

function card(deal: Deal, seesMargin: boolean, board: KanbanBoard<Deal>): HTMLElement {
  const w = words();
  const marginValue = deal.custom.margin as Parameters<typeof moneyText>[0];
  const move = h('select', { class: 'move', 'aria-label': w.moveTo }, h('option', { value: '' }, w.moveTo), ...board.columns.filter((column) => column.stage.id !== deal.stageId).map((column) => h('option', { value: `column:${column.stage.id}` }, column.stage.labels?.[state.language] ?? column.stage.name)), h('option', { value: 'zone:won' }, w.won), h('option', { value: 'zone:lost' }, w.lost));
  move.addEventListener('change', () => {
    const [kind, value] = (move as HTMLSelectElement).value.split(':');
    if (kind === 'column' && value !== undefined) void moveDeal(deal.id, { column: value });
    else if (value === 'won') void moveDeal(deal.id, { zone: 'won' });
    else if (value === 'lost') void moveDeal(deal.id, { zone: 'lost' });
  });
  const element = h(
    'article',
    { class: 'card', draggable: 'true', 'data-deal': deal.id },
    h('h3', {}, deal.title),
    h('p', { class: 'amount' }, moneyText(deal.amount, state.language)),
    ...(seesMargin ? [h('p', { class: 'margin', 'data-field': 'custom.margin' }, `${w.margin}: ${moneyText(marginValue, state.language)}`)] : []),
    move,
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
async function moveDeal(id: string, target: KanbanTarget): Promise<void> {
  const session = me();
  const deal = await session.deals.get(id);
  if (deal === null) return;
  let lossReasonId: string | undefined;
  if ('zone' in target && target.zone === 'lost') {
    lossReasonId = await askLossReason();
    if (lossReasonId === undefined) return render();
  }
  try {
    await session.pipelines.moveOnBoard('deal', id, target, { expectedVersion: deal.version, ...(lossReasonId === undefined ? {} : { lossReasonId }) });
    state.note = undefined;
  } catch (error) {
    if (!isCrmError(error)) throw error;
    state.note = words().refused(error.code);
  }
  await render();
}

function askLossReason(): Promise<string | undefined> {
  const w = words();
  const reasons = h('select', { id: 'loss-reason' }, ...DEFAULT_LOSS_REASONS.map((reason) => h('option', { value: reason.id }, reason.labels[state.language] ?? reason.id)));
  const dialog = h('dialog', { id: 'loss-dialog' }, h('form', { method: 'dialog' }, h('p', {}, w.lossTitle), reasons, h('menu', {}, h('button', { value: 'cancel' }, w.cancel), h('button', { value: 'confirm', id: 'confirm-loss' }, w.confirm)))) as HTMLDialogElement;
  document.body.append(dialog);
  dialog.showModal();
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'confirm' ? (reasons as HTMLSelectElement).value : undefined);
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
async function previewImport(file: File): Promise<void> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const account = await importCsv(me(), 'contact', bytes, { dryRun: true, duplicates: 'skip' });
  state.preview = { file: bytes, account };
  await render();
}

function accountView(account: CsvImportAccount): HTMLElement[] {
  const w = words();
  const rows = [
    ...account.mapping.columns.map((column) => h('tr', {}, h('td', {}, column.header), h('td', {}, column.target.kind === 'ignore' ? w.notImported : 'field' in column.target ? column.target.field : column.target.kind))),
    ...account.mapping.unmapped.map((column) => h('tr', {}, h('td', {}, column.header), h('td', {}, w.notImported))),
  ];
  const out: HTMLElement[] = [
    h('h3', {}, w.mapping),
    h('table', { id: 'mapping' }, h('thead', {}, h('tr', {}, h('th', {}, w.column), h('th', {}, w.field))), h('tbody', {}, ...rows)),
    h('p', { id: 'import-account' }, w.account(account.rows, account.imported, account.skipped, account.rejected, account.dryRun)),
    h('ul', { class: 'rejected' }, ...account.notImportedRows.map((row) => h('li', {}, `${w.line(row.line)}: ${row.issues.map((found) => found.message).join(' ')}`))),
  ];
  if (account.dryRun) {
    const go = h('button', { id: 'import-now' }, w.importNow);
    go.addEventListener('click', () => {
      void runImport();
    });
    out.push(go);
  } else out.push(h('p', { role: 'status' }, w.imported));
  return out;
}

async function runImport(): Promise<void> {
  const preview = state.preview;
  if (preview === undefined) return;
  const account = await importCsv(me(), 'contact', preview.file, { duplicates: 'skip', mapping: preview.account.mapping });
  state.preview = { file: preview.file, account };
  await render();
}

function contactsPanel(contacts: readonly Contact[]): HTMLElement {
  const w = words();
  return h(
    'section',
    { class: 'panel contacts', id: 'contacts' },
    h('h2', {}, w.contacts),
    h(
      'ul',
      {},
      ...contacts.map((contact) => {
        const button = h('button', { class: 'find-duplicates' }, w.duplicates);
        const item = h('li', { 'data-contact': contact.id }, h('span', { class: 'name' }, crm.displayName(contact)), button);
        button.addEventListener('click', () => {
          void showDuplicates(contact, item);
        });
        return item;
      }),
    ),
  );
}

async function showDuplicates(contact: Contact, item: HTMLElement): Promise<void> {
  const w = words();
  const session = me();
  const candidates: readonly DuplicateCandidate[] = await session.duplicates.check('contact', contact);
  const list = h('div', { class: 'duplicates' });
  if (candidates.length === 0) list.append(h('p', {}, w.noDuplicates));
  for (const candidate of candidates) {
    const other = await session.contacts.get(candidate.id);
    const merge = h('button', { class: 'merge' }, w.mergeInto);
    merge.addEventListener('click', () => {
      void mergeInto(contact, candidate.id, list);
    });
    list.append(
      h(
        'div',
        { class: 'candidate', 'data-candidate': candidate.id },
        h('strong', {}, other === null ? candidate.id : crm.displayName(other)),
        ` · ${w.score(scoreText(candidate.score, state.language))}`,
        h('ul', { class: 'explanation' }, ...candidate.explanation.map((part) => h('li', {}, part.text))),
        merge,
      ),
    );
  }
  item.querySelector('.duplicates')?.remove();
  item.append(list);
}

async function mergeInto(survivor: Contact, absorbedId: string, list: HTMLElement): Promise<void> {
  const w = words();
  const session = me();
  const { mergeId } = await session.contacts.merge(survivor.id, [absorbedId], { policy: 'survivorWins' });
  await render();
  const undo = h('button', { id: 'undo-merge' }, w.undo);
  undo.addEventListener('click', () => {
    void session.merges.undo(mergeId).then(async () => {
      state.note = w.undone;
      await render();
    });
  });
  list.replaceChildren(h('p', { id: 'merged', role: 'status' }, w.merged(crm.displayName(survivor))), undo);
  document.querySelector(`[data-contact="${survivor.id}"]`)?.append(list);
}

await render();
