// Legal-form words that company-title comparison drops, as written (dots, spaces and case do not
// matter: each is read into its letters, so 'S.A.', 'SA' and 's. a.' are one form). A title ends
// with these; the French forms of START_FORMS also lead one ('SARL Dupont').

const END_FORMS: readonly string[] = [
  // English (US, UK, Ireland, Australia, Asia)
  'LLC', 'L.L.C.', 'Inc', 'Incorporated', 'Corp', 'Corporation', 'Ltd', 'Limited', 'Co', 'Company', 'and Co', 'and Company',
  'Co Ltd', 'Co Limited', 'Company Limited', 'Co Inc', 'Co LLC', 'PLC', 'Public Limited Company', 'LLP',
  'Limited Liability Partnership', 'Limited Liability Company', 'LP', 'Limited Partnership', 'Pty Ltd',
  'Pty Limited', 'Pty', 'Proprietary Limited', 'PLLC', 'Sdn Bhd', 'Pte Ltd', 'Pvt Ltd', 'Private Limited',
  // Spanish (Spain, Latin America)
  'S.A.', 'S.L.', 'S.L.U.', 'S.A.U.', 'S.L.L.', 'S.L.N.E.', 'S.Coop.', 'S.C.', 'S.R.L.', 'S.A.S.', 'S. en C.',
  'S.A. de C.V.', 'S.A.B. de C.V.', 'S.A.P.I. de C.V.', 'S. de R.L.', 'S. de R.L. de C.V.', 'S.C. de R.L.',
  'Sociedad Anónima', 'Sociedad Limitada', 'Sociedad Limitada Unipersonal', 'Sociedad Anónima Unipersonal',
  'Sociedad de Responsabilidad Limitada', 'Sociedad Civil', 'Sociedad Cooperativa',
  'Sociedad Anónima de Capital Variable', 'Sociedad por Acciones Simplificada', 'C.B.',
  // French (France, Belgium, Switzerland, Luxembourg)
  'SAS', 'SASU', 'SARL', 'EURL', 'SNC', 'SCI', 'SCS', 'SCA', 'SELARL', 'SCOP', 'SPRL', 'SRL', 'Société Anonyme',
  'Société à Responsabilité Limitée', 'Société par Actions Simplifiée', 'Société par Actions Simplifiée Unipersonnelle',
  'Société en Nom Collectif', 'Société Civile', 'Société Civile Immobilière',
  'Entreprise Unipersonnelle à Responsabilité Limitée',
  // German (Germany, Austria, Switzerland)
  'GmbH', 'gGmbH', 'AG', 'KG', 'KGaA', 'OHG', 'GbR', 'UG', 'UG (haftungsbeschränkt)', 'e.V.', 'e.K.', 'eG',
  'GmbH & Co. KG', 'GmbH & Co. KGaA', 'GmbH & Co. OHG', 'AG & Co. KG', 'UG (haftungsbeschränkt) & Co. KG',
  'SE & Co. KG', 'SE', 'mbH', 'Gesellschaft mit beschränkter Haftung', 'Aktiengesellschaft', 'Kommanditgesellschaft',
  'Offene Handelsgesellschaft', 'eingetragener Verein', 'eingetragene Genossenschaft',
  // Italian
  'S.p.A.', 'S.r.l.', 'S.r.l.s.', 'S.a.s.', 'S.n.c.', 'S.a.p.a.', 'S.c.a.r.l.', 'S.c.r.l.', 'Società per azioni',
  'Società a responsabilità limitata', 'Società in accomandita semplice', 'Società in nome collettivo',
  // Portuguese (Portugal, Brazil)
  'Lda', 'Ltda', 'S/A', 'ME', 'EPP', 'EIRELI', 'MEI', 'Unipessoal Lda', 'Sociedade Anónima', 'Sociedade Anônima',
  'Sociedade Limitada', 'Sociedade por Quotas', 'Limitada',
  // Dutch (Netherlands, Belgium)
  'B.V.', 'N.V.', 'V.O.F.', 'C.V.', 'BVBA', 'CVBA', 'Besloten Vennootschap', 'Naamloze Vennootschap',
  'Vennootschap onder Firma', 'Commanditaire Vennootschap', 'B.V. & Co. KG',
  // Nordic
  'AB', 'A/S', 'ApS', 'ASA', 'Oy', 'Oyj',
];

const START_FORMS: readonly string[] = ['SARL', 'SASU', 'EURL', 'SELARL', 'SCI', 'SNC', 'Société Anonyme'];

/** A form as the title normaliser sees it: its letters and digits, folded, with '&' as 'and'. */
export type FormKey = (text: string) => string;

/** The forms as keys, and the longest key (a bound on how many words a match can span). */
export interface LegalForms {
  readonly end: ReadonlySet<string>;
  readonly start: ReadonlySet<string>;
  readonly longest: number;
}

/** The tables read by `key`. */
export function legalForms(key: FormKey): LegalForms {
  const end = new Set(END_FORMS.map(key));
  const start = new Set(START_FORMS.map(key));
  let longest = 0;
  for (const form of [...end, ...start]) longest = Math.max(longest, form.length);
  return { end, start, longest };
}
