// Mailbox names that a team shares rather than a person owns ('info@', 'ventas@'), in the
// languages company-title comparison knows. Two records with the same such address are probably
// colleagues, not one person twice: e-mail comparison gives the agreement a level of its own.

const ROLE_MAILBOXES: ReadonlySet<string> = /* @__PURE__ */ new Set([
  // English
  'info', 'information', 'contact', 'contactus', 'hello', 'hi', 'office', 'admin', 'administration', 'sales', 'support',
  'help', 'helpdesk', 'service', 'services', 'customerservice', 'enquiries', 'enquiry', 'inquiries', 'inquiry', 'team',
  'marketing', 'billing', 'accounts', 'accounting', 'finance', 'hr', 'jobs', 'careers', 'recruitment', 'reception',
  'orders', 'bookings', 'booking', 'reservations', 'shop', 'store', 'press', 'media', 'legal', 'purchasing', 'webmaster',
  'mail', 'email', 'general', 'noreply', 'no-reply', 'donotreply', 'postmaster', 'it',
  // Spanish
  'contacto', 'hola', 'oficina', 'administracion', 'ventas', 'comercial', 'soporte', 'ayuda', 'atencion', 'atencionalcliente',
  'clientes', 'equipo', 'facturacion', 'contabilidad', 'rrhh', 'empleo', 'recepcion', 'pedidos', 'reservas', 'tienda',
  'prensa', 'compras', 'correo', 'direccion', 'gerencia', 'secretaria', 'informacion',
  // French
  'bonjour', 'accueil', 'commercial', 'ventes', 'compta', 'comptabilite', 'facturation', 'direction', 'secretariat',
  'recrutement', 'commandes',
  // German
  'kontakt', 'hallo', 'buero', 'buro', 'vertrieb', 'verkauf', 'verwaltung', 'buchhaltung', 'rechnung', 'personal',
  'bestellung', 'empfang', 'presse', 'einkauf',
  // Italian
  'contatti', 'contatto', 'ufficio', 'vendite', 'amministrazione', 'assistenza', 'ordini', 'segreteria', 'commerciale',
  // Portuguese
  'contato', 'contatos', 'geral', 'vendas', 'atendimento', 'suporte', 'financeiro', 'faturacao', 'encomendas',
  // Dutch
  'verkoop', 'klantenservice', 'administratie', 'receptie', 'bestellingen', 'financien',
]);

/** Whether a mailbox name (the part of a normalised address before its last `@`) is shared, such as `info` or `ventas`. */
export function isRoleMailbox(mailbox: string): boolean {
  return ROLE_MAILBOXES.has(mailbox);
}
