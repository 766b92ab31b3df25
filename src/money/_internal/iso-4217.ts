/*
 * ISO 4217 currency table, vendored as data.
 *
 * Source: ISO 4217 "List One: Current currency & funds code list" as published by SIX Financial
 * Information (the ISO 4217 Maintenance Agency) on 2026-01-01, which reflects every amendment up to
 * and including Amendment 180 (published 2025-09-22, effective 2026-01-01). Amendment 180 is the
 * latest we could confirm when this table was written in late 2026.
 *
 * Changes since the List One of 2024-06-25 (the one `currency-codes` 2.2.0 mirrors):
 * - Amendment 176: XCG (Caribbean Guilder, 532, 2) current from 2025-03-31; ANG ceased to be legal
 *   tender on 2025-07-01 and left List One.
 * - Amendment 177: ZWG (Zimbabwe Gold, 924, 2) from 2024-06-25; ZWL moved to List Three on 2024-09-01.
 * - Amendment 178: CUC moved to List Three (the peso convertible was withdrawn by 2021-06-30).
 * - Amendment 179: XAD (Arab Accounting Dinar, 396, 2) from 2025-05-12.
 * - Amendment 180: Bulgaria adopted the euro; BGN moved to List Three on 2026-01-01.
 *
 * Representation choices:
 * - Codes and names are ISO's own (English names as ISO prints them, trailing spaces trimmed); one
 *   row per code, not per country.
 * - Numeric codes stay strings so leading zeros survive ('008', '048').
 * - Where ISO prints "N.A." for the minor units (precious metals XAU, XAG, XPD, XPT; XDR; the bond
 *   market units XBA-XBD; XSU; XUA; XTS; XXX) the row says `minorUnits: null`. The public `Currency`
 *   turns that into `minorUnits: 0` with `minorUnitsApplicable: false`, the same 0 that
 *   `currency-codes` and most payment systems use, while letting a caller tell "none" from "zero".
 * - ISO drops a withdrawn code from List One. So that amounts stored before a changeover still
 *   resolve, RECENTLY_WITHDRAWN keeps every code that left List One from Amendment 174 (HRK, 2023)
 *   onwards, each with the first day it no longer was current. Older List Three codes (DEM, VEF,
 *   ...) are not carried: they predate any record crm-kit can have created.
 *
 * To update: apply the next amendment by hand, bump ISO_4217_AMENDMENT, and run
 * test/money/currency.test.ts, which pins the table's invariants and its known differences from
 * `currency-codes`.
 */

/**
 * One row of the vendored ISO 4217 table, as ISO states it.
 */
export interface Iso4217Entry {
  /** The alphabetic code: three upper-case letters. */
  readonly code: string;
  /** The numeric code: three digits, leading zeros kept. */
  readonly numericCode: string;
  /** Digits after the decimal separator, from 0 to 4; `null` where ISO says "N.A.". */
  readonly minorUnits: number | null;
  /** ISO's English name of the currency. */
  readonly name: string;
  /** On withdrawn rows only: the first day (`YYYY-MM-DD`) the code was no longer current. */
  readonly withdrawn?: string | undefined;
}

/**
 * The ISO 4217 amendment the table reflects.
 *
 * @example
 * ```ts
 * ISO_4217_AMENDMENT; //=> 180
 * ```
 */
export const ISO_4217_AMENDMENT = 180;

/**
 * The publication date of the ISO 4217 List One the table reflects.
 *
 * @example
 * ```ts
 * ISO_4217_PUBLISHED; //=> '2026-01-01'
 * ```
 */
export const ISO_4217_PUBLISHED = '2026-01-01';

const freezeRows = (rows: readonly Iso4217Entry[]): readonly Iso4217Entry[] =>
  Object.freeze(rows.map((row) => Object.freeze(row)));

/**
 * ISO 4217 List One as of Amendment 180: every current currency, fund and special code, sorted by
 * code, one row per code.
 *
 * @example
 * ```ts
 * ISO_4217_LIST_ONE.length; //=> 178
 * ISO_4217_LIST_ONE.find((row) => row.code === 'XCG');
 * //=> { code: 'XCG', numericCode: '532', minorUnits: 2, name: 'Caribbean Guilder' }
 * ```
 */
export const ISO_4217_LIST_ONE: readonly Iso4217Entry[] = freezeRows([
  { code: 'AED', numericCode: '784', minorUnits: 2, name: 'UAE Dirham' },
  { code: 'AFN', numericCode: '971', minorUnits: 2, name: 'Afghani' },
  { code: 'ALL', numericCode: '008', minorUnits: 2, name: 'Lek' },
  { code: 'AMD', numericCode: '051', minorUnits: 2, name: 'Armenian Dram' },
  { code: 'AOA', numericCode: '973', minorUnits: 2, name: 'Kwanza' },
  { code: 'ARS', numericCode: '032', minorUnits: 2, name: 'Argentine Peso' },
  { code: 'AUD', numericCode: '036', minorUnits: 2, name: 'Australian Dollar' },
  { code: 'AWG', numericCode: '533', minorUnits: 2, name: 'Aruban Florin' },
  { code: 'AZN', numericCode: '944', minorUnits: 2, name: 'Azerbaijan Manat' },
  { code: 'BAM', numericCode: '977', minorUnits: 2, name: 'Convertible Mark' },
  { code: 'BBD', numericCode: '052', minorUnits: 2, name: 'Barbados Dollar' },
  { code: 'BDT', numericCode: '050', minorUnits: 2, name: 'Taka' },
  { code: 'BHD', numericCode: '048', minorUnits: 3, name: 'Bahraini Dinar' },
  { code: 'BIF', numericCode: '108', minorUnits: 0, name: 'Burundi Franc' },
  { code: 'BMD', numericCode: '060', minorUnits: 2, name: 'Bermudian Dollar' },
  { code: 'BND', numericCode: '096', minorUnits: 2, name: 'Brunei Dollar' },
  { code: 'BOB', numericCode: '068', minorUnits: 2, name: 'Boliviano' },
  { code: 'BOV', numericCode: '984', minorUnits: 2, name: 'Mvdol' },
  { code: 'BRL', numericCode: '986', minorUnits: 2, name: 'Brazilian Real' },
  { code: 'BSD', numericCode: '044', minorUnits: 2, name: 'Bahamian Dollar' },
  { code: 'BTN', numericCode: '064', minorUnits: 2, name: 'Ngultrum' },
  { code: 'BWP', numericCode: '072', minorUnits: 2, name: 'Pula' },
  { code: 'BYN', numericCode: '933', minorUnits: 2, name: 'Belarusian Ruble' },
  { code: 'BZD', numericCode: '084', minorUnits: 2, name: 'Belize Dollar' },
  { code: 'CAD', numericCode: '124', minorUnits: 2, name: 'Canadian Dollar' },
  { code: 'CDF', numericCode: '976', minorUnits: 2, name: 'Congolese Franc' },
  { code: 'CHE', numericCode: '947', minorUnits: 2, name: 'WIR Euro' },
  { code: 'CHF', numericCode: '756', minorUnits: 2, name: 'Swiss Franc' },
  { code: 'CHW', numericCode: '948', minorUnits: 2, name: 'WIR Franc' },
  { code: 'CLF', numericCode: '990', minorUnits: 4, name: 'Unidad de Fomento' },
  { code: 'CLP', numericCode: '152', minorUnits: 0, name: 'Chilean Peso' },
  { code: 'CNY', numericCode: '156', minorUnits: 2, name: 'Yuan Renminbi' },
  { code: 'COP', numericCode: '170', minorUnits: 2, name: 'Colombian Peso' },
  { code: 'COU', numericCode: '970', minorUnits: 2, name: 'Unidad de Valor Real' },
  { code: 'CRC', numericCode: '188', minorUnits: 2, name: 'Costa Rican Colon' },
  { code: 'CUP', numericCode: '192', minorUnits: 2, name: 'Cuban Peso' },
  { code: 'CVE', numericCode: '132', minorUnits: 2, name: 'Cabo Verde Escudo' },
  { code: 'CZK', numericCode: '203', minorUnits: 2, name: 'Czech Koruna' },
  { code: 'DJF', numericCode: '262', minorUnits: 0, name: 'Djibouti Franc' },
  { code: 'DKK', numericCode: '208', minorUnits: 2, name: 'Danish Krone' },
  { code: 'DOP', numericCode: '214', minorUnits: 2, name: 'Dominican Peso' },
  { code: 'DZD', numericCode: '012', minorUnits: 2, name: 'Algerian Dinar' },
  { code: 'EGP', numericCode: '818', minorUnits: 2, name: 'Egyptian Pound' },
  { code: 'ERN', numericCode: '232', minorUnits: 2, name: 'Nakfa' },
  { code: 'ETB', numericCode: '230', minorUnits: 2, name: 'Ethiopian Birr' },
  { code: 'EUR', numericCode: '978', minorUnits: 2, name: 'Euro' },
  { code: 'FJD', numericCode: '242', minorUnits: 2, name: 'Fiji Dollar' },
  { code: 'FKP', numericCode: '238', minorUnits: 2, name: 'Falkland Islands Pound' },
  { code: 'GBP', numericCode: '826', minorUnits: 2, name: 'Pound Sterling' },
  { code: 'GEL', numericCode: '981', minorUnits: 2, name: 'Lari' },
  { code: 'GHS', numericCode: '936', minorUnits: 2, name: 'Ghana Cedi' },
  { code: 'GIP', numericCode: '292', minorUnits: 2, name: 'Gibraltar Pound' },
  { code: 'GMD', numericCode: '270', minorUnits: 2, name: 'Dalasi' },
  { code: 'GNF', numericCode: '324', minorUnits: 0, name: 'Guinean Franc' },
  { code: 'GTQ', numericCode: '320', minorUnits: 2, name: 'Quetzal' },
  { code: 'GYD', numericCode: '328', minorUnits: 2, name: 'Guyana Dollar' },
  { code: 'HKD', numericCode: '344', minorUnits: 2, name: 'Hong Kong Dollar' },
  { code: 'HNL', numericCode: '340', minorUnits: 2, name: 'Lempira' },
  { code: 'HTG', numericCode: '332', minorUnits: 2, name: 'Gourde' },
  { code: 'HUF', numericCode: '348', minorUnits: 2, name: 'Forint' },
  { code: 'IDR', numericCode: '360', minorUnits: 2, name: 'Rupiah' },
  { code: 'ILS', numericCode: '376', minorUnits: 2, name: 'New Israeli Sheqel' },
  { code: 'INR', numericCode: '356', minorUnits: 2, name: 'Indian Rupee' },
  { code: 'IQD', numericCode: '368', minorUnits: 3, name: 'Iraqi Dinar' },
  { code: 'IRR', numericCode: '364', minorUnits: 2, name: 'Iranian Rial' },
  { code: 'ISK', numericCode: '352', minorUnits: 0, name: 'Iceland Krona' },
  { code: 'JMD', numericCode: '388', minorUnits: 2, name: 'Jamaican Dollar' },
  { code: 'JOD', numericCode: '400', minorUnits: 3, name: 'Jordanian Dinar' },
  { code: 'JPY', numericCode: '392', minorUnits: 0, name: 'Yen' },
  { code: 'KES', numericCode: '404', minorUnits: 2, name: 'Kenyan Shilling' },
  { code: 'KGS', numericCode: '417', minorUnits: 2, name: 'Som' },
  { code: 'KHR', numericCode: '116', minorUnits: 2, name: 'Riel' },
  { code: 'KMF', numericCode: '174', minorUnits: 0, name: 'Comorian Franc' },
  { code: 'KPW', numericCode: '408', minorUnits: 2, name: 'North Korean Won' },
  { code: 'KRW', numericCode: '410', minorUnits: 0, name: 'Won' },
  { code: 'KWD', numericCode: '414', minorUnits: 3, name: 'Kuwaiti Dinar' },
  { code: 'KYD', numericCode: '136', minorUnits: 2, name: 'Cayman Islands Dollar' },
  { code: 'KZT', numericCode: '398', minorUnits: 2, name: 'Tenge' },
  { code: 'LAK', numericCode: '418', minorUnits: 2, name: 'Lao Kip' },
  { code: 'LBP', numericCode: '422', minorUnits: 2, name: 'Lebanese Pound' },
  { code: 'LKR', numericCode: '144', minorUnits: 2, name: 'Sri Lanka Rupee' },
  { code: 'LRD', numericCode: '430', minorUnits: 2, name: 'Liberian Dollar' },
  { code: 'LSL', numericCode: '426', minorUnits: 2, name: 'Loti' },
  { code: 'LYD', numericCode: '434', minorUnits: 3, name: 'Libyan Dinar' },
  { code: 'MAD', numericCode: '504', minorUnits: 2, name: 'Moroccan Dirham' },
  { code: 'MDL', numericCode: '498', minorUnits: 2, name: 'Moldovan Leu' },
  { code: 'MGA', numericCode: '969', minorUnits: 2, name: 'Malagasy Ariary' },
  { code: 'MKD', numericCode: '807', minorUnits: 2, name: 'Denar' },
  { code: 'MMK', numericCode: '104', minorUnits: 2, name: 'Kyat' },
  { code: 'MNT', numericCode: '496', minorUnits: 2, name: 'Tugrik' },
  { code: 'MOP', numericCode: '446', minorUnits: 2, name: 'Pataca' },
  { code: 'MRU', numericCode: '929', minorUnits: 2, name: 'Ouguiya' },
  { code: 'MUR', numericCode: '480', minorUnits: 2, name: 'Mauritius Rupee' },
  { code: 'MVR', numericCode: '462', minorUnits: 2, name: 'Rufiyaa' },
  { code: 'MWK', numericCode: '454', minorUnits: 2, name: 'Malawi Kwacha' },
  { code: 'MXN', numericCode: '484', minorUnits: 2, name: 'Mexican Peso' },
  { code: 'MXV', numericCode: '979', minorUnits: 2, name: 'Mexican Unidad de Inversion (UDI)' },
  { code: 'MYR', numericCode: '458', minorUnits: 2, name: 'Malaysian Ringgit' },
  { code: 'MZN', numericCode: '943', minorUnits: 2, name: 'Mozambique Metical' },
  { code: 'NAD', numericCode: '516', minorUnits: 2, name: 'Namibia Dollar' },
  { code: 'NGN', numericCode: '566', minorUnits: 2, name: 'Naira' },
  { code: 'NIO', numericCode: '558', minorUnits: 2, name: 'Cordoba Oro' },
  { code: 'NOK', numericCode: '578', minorUnits: 2, name: 'Norwegian Krone' },
  { code: 'NPR', numericCode: '524', minorUnits: 2, name: 'Nepalese Rupee' },
  { code: 'NZD', numericCode: '554', minorUnits: 2, name: 'New Zealand Dollar' },
  { code: 'OMR', numericCode: '512', minorUnits: 3, name: 'Rial Omani' },
  { code: 'PAB', numericCode: '590', minorUnits: 2, name: 'Balboa' },
  { code: 'PEN', numericCode: '604', minorUnits: 2, name: 'Sol' },
  { code: 'PGK', numericCode: '598', minorUnits: 2, name: 'Kina' },
  { code: 'PHP', numericCode: '608', minorUnits: 2, name: 'Philippine Peso' },
  { code: 'PKR', numericCode: '586', minorUnits: 2, name: 'Pakistan Rupee' },
  { code: 'PLN', numericCode: '985', minorUnits: 2, name: 'Zloty' },
  { code: 'PYG', numericCode: '600', minorUnits: 0, name: 'Guarani' },
  { code: 'QAR', numericCode: '634', minorUnits: 2, name: 'Qatari Rial' },
  { code: 'RON', numericCode: '946', minorUnits: 2, name: 'Romanian Leu' },
  { code: 'RSD', numericCode: '941', minorUnits: 2, name: 'Serbian Dinar' },
  { code: 'RUB', numericCode: '643', minorUnits: 2, name: 'Russian Ruble' },
  { code: 'RWF', numericCode: '646', minorUnits: 0, name: 'Rwanda Franc' },
  { code: 'SAR', numericCode: '682', minorUnits: 2, name: 'Saudi Riyal' },
  { code: 'SBD', numericCode: '090', minorUnits: 2, name: 'Solomon Islands Dollar' },
  { code: 'SCR', numericCode: '690', minorUnits: 2, name: 'Seychelles Rupee' },
  { code: 'SDG', numericCode: '938', minorUnits: 2, name: 'Sudanese Pound' },
  { code: 'SEK', numericCode: '752', minorUnits: 2, name: 'Swedish Krona' },
  { code: 'SGD', numericCode: '702', minorUnits: 2, name: 'Singapore Dollar' },
  { code: 'SHP', numericCode: '654', minorUnits: 2, name: 'Saint Helena Pound' },
  { code: 'SLE', numericCode: '925', minorUnits: 2, name: 'Leone' },
  { code: 'SOS', numericCode: '706', minorUnits: 2, name: 'Somali Shilling' },
  { code: 'SRD', numericCode: '968', minorUnits: 2, name: 'Surinam Dollar' },
  { code: 'SSP', numericCode: '728', minorUnits: 2, name: 'South Sudanese Pound' },
  { code: 'STN', numericCode: '930', minorUnits: 2, name: 'Dobra' },
  { code: 'SVC', numericCode: '222', minorUnits: 2, name: 'El Salvador Colon' },
  { code: 'SYP', numericCode: '760', minorUnits: 2, name: 'Syrian Pound' },
  { code: 'SZL', numericCode: '748', minorUnits: 2, name: 'Lilangeni' },
  { code: 'THB', numericCode: '764', minorUnits: 2, name: 'Baht' },
  { code: 'TJS', numericCode: '972', minorUnits: 2, name: 'Somoni' },
  { code: 'TMT', numericCode: '934', minorUnits: 2, name: 'Turkmenistan New Manat' },
  { code: 'TND', numericCode: '788', minorUnits: 3, name: 'Tunisian Dinar' },
  { code: 'TOP', numericCode: '776', minorUnits: 2, name: 'Pa’anga' },
  { code: 'TRY', numericCode: '949', minorUnits: 2, name: 'Turkish Lira' },
  { code: 'TTD', numericCode: '780', minorUnits: 2, name: 'Trinidad and Tobago Dollar' },
  { code: 'TWD', numericCode: '901', minorUnits: 2, name: 'New Taiwan Dollar' },
  { code: 'TZS', numericCode: '834', minorUnits: 2, name: 'Tanzanian Shilling' },
  { code: 'UAH', numericCode: '980', minorUnits: 2, name: 'Hryvnia' },
  { code: 'UGX', numericCode: '800', minorUnits: 0, name: 'Uganda Shilling' },
  { code: 'USD', numericCode: '840', minorUnits: 2, name: 'US Dollar' },
  { code: 'USN', numericCode: '997', minorUnits: 2, name: 'US Dollar (Next day)' },
  { code: 'UYI', numericCode: '940', minorUnits: 0, name: 'Uruguay Peso en Unidades Indexadas (UI)' },
  { code: 'UYU', numericCode: '858', minorUnits: 2, name: 'Peso Uruguayo' },
  { code: 'UYW', numericCode: '927', minorUnits: 4, name: 'Unidad Previsional' },
  { code: 'UZS', numericCode: '860', minorUnits: 2, name: 'Uzbekistan Sum' },
  { code: 'VED', numericCode: '926', minorUnits: 2, name: 'Bolívar Soberano' },
  { code: 'VES', numericCode: '928', minorUnits: 2, name: 'Bolívar Soberano' },
  { code: 'VND', numericCode: '704', minorUnits: 0, name: 'Dong' },
  { code: 'VUV', numericCode: '548', minorUnits: 0, name: 'Vatu' },
  { code: 'WST', numericCode: '882', minorUnits: 2, name: 'Tala' },
  { code: 'XAD', numericCode: '396', minorUnits: 2, name: 'Arab Accounting Dinar' },
  { code: 'XAF', numericCode: '950', minorUnits: 0, name: 'CFA Franc BEAC' },
  { code: 'XAG', numericCode: '961', minorUnits: null, name: 'Silver' },
  { code: 'XAU', numericCode: '959', minorUnits: null, name: 'Gold' },
  { code: 'XBA', numericCode: '955', minorUnits: null, name: 'Bond Markets Unit European Composite Unit (EURCO)' },
  { code: 'XBB', numericCode: '956', minorUnits: null, name: 'Bond Markets Unit European Monetary Unit (E.M.U.-6)' },
  { code: 'XBC', numericCode: '957', minorUnits: null, name: 'Bond Markets Unit European Unit of Account 9 (E.U.A.-9)' },
  { code: 'XBD', numericCode: '958', minorUnits: null, name: 'Bond Markets Unit European Unit of Account 17 (E.U.A.-17)' },
  { code: 'XCD', numericCode: '951', minorUnits: 2, name: 'East Caribbean Dollar' },
  { code: 'XCG', numericCode: '532', minorUnits: 2, name: 'Caribbean Guilder' },
  { code: 'XDR', numericCode: '960', minorUnits: null, name: 'SDR (Special Drawing Right)' },
  { code: 'XOF', numericCode: '952', minorUnits: 0, name: 'CFA Franc BCEAO' },
  { code: 'XPD', numericCode: '964', minorUnits: null, name: 'Palladium' },
  { code: 'XPF', numericCode: '953', minorUnits: 0, name: 'CFP Franc' },
  { code: 'XPT', numericCode: '962', minorUnits: null, name: 'Platinum' },
  { code: 'XSU', numericCode: '994', minorUnits: null, name: 'Sucre' },
  { code: 'XTS', numericCode: '963', minorUnits: null, name: 'Codes specifically reserved for testing purposes' },
  { code: 'XUA', numericCode: '965', minorUnits: null, name: 'ADB Unit of Account' },
  { code: 'XXX', numericCode: '999', minorUnits: null, name: 'The codes assigned for transactions where no currency is involved' },
  { code: 'YER', numericCode: '886', minorUnits: 2, name: 'Yemeni Rial' },
  { code: 'ZAR', numericCode: '710', minorUnits: 2, name: 'Rand' },
  { code: 'ZMW', numericCode: '967', minorUnits: 2, name: 'Zambian Kwacha' },
  { code: 'ZWG', numericCode: '924', minorUnits: 2, name: 'Zimbabwe Gold' },
]);

/**
 * Codes that left ISO 4217 List One from Amendment 174 onwards, kept so that records written
 * before the changeover still resolve. `withdrawn` is the first day the code was no longer
 * current; the comment names the successor. ANG shares its numeric code 532 with its successor XCG,
 * as ISO reassigned it.
 *
 * @example
 * ```ts
 * ISO_4217_RECENTLY_WITHDRAWN.find((row) => row.code === 'BGN')?.withdrawn; //=> '2026-01-01'
 * ```
 */
export const ISO_4217_RECENTLY_WITHDRAWN: readonly Iso4217Entry[] = freezeRows([
  // Amendment 176: replaced by XCG; legal tender until 2025-06-30.
  { code: 'ANG', numericCode: '532', minorUnits: 2, name: 'Netherlands Antillean Guilder', withdrawn: '2025-07-01' },
  // Amendment 180: Bulgaria adopted EUR on 2026-01-01.
  { code: 'BGN', numericCode: '975', minorUnits: 2, name: 'Bulgarian Lev', withdrawn: '2026-01-01' },
  // Amendment 178: withdrawn from circulation by 2021-06-30, moved to List Three in 2025.
  { code: 'CUC', numericCode: '931', minorUnits: 2, name: 'Peso Convertible', withdrawn: '2021-07-01' },
  // Amendment 174: Croatia adopted EUR on 2023-01-01.
  { code: 'HRK', numericCode: '191', minorUnits: 2, name: 'Kuna', withdrawn: '2023-01-01' },
  // Amendments 171-175: redenominated as SLE (1 SLE = 1000 SLL); legal tender until 2023-12-31.
  { code: 'SLL', numericCode: '694', minorUnits: 2, name: 'Leone', withdrawn: '2024-01-01' },
  // Amendment 177: replaced by ZWG; expired 2024-08-31.
  { code: 'ZWL', numericCode: '932', minorUnits: 2, name: 'Zimbabwe Dollar', withdrawn: '2024-09-01' },
]);
