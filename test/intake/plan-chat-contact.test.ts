import { describe, expect, it } from 'vitest';
import { activityInputSchema, contactInputSchema, defineChatChannel, leadInputSchema, planChatContact } from 'crm-kit';
import type { ChatContext, Contact } from 'crm-kit';

const at = (minute: number): Date => new Date(Date.UTC(2026, 2, 2, 10, minute));
const FORM = {
  id: 'chat-form',
  name: 'Before we chat',
  scheme: 'lead' as const,
  languages: ['en', 'es'],
  responsible: { userId: 'u-ana' },
  fields: [
    { name: 'name', target: { entity: 'lead' as const, field: 'firstName' }, labels: { en: 'Your name', es: 'Tu nombre' }, required: true },
    { name: 'email', target: { entity: 'lead' as const, field: 'emails' }, labels: { en: 'E-mail', es: 'Correo' } },
  ],
};
const channel = defineChatChannel({ id: 'site-chat', name: 'Website chat', form: FORM });

function contextOf(overrides: Partial<ChatContext> = {}): ChatContext {
  let n = 0;
  return { at: at(5), newId: () => `r-${String(++n)}`, responsibleId: 'u-ana', ...overrides };
}

describe('planChatContact', () => {
  it("makes the channel form's lead, stamped as a live chat, and records the chat from its first line to its last", () => {
    const transcript = [
      { at: at(0), from: 'visitor', text: 'Hola' },
      { at: at(4), from: 'operator', text: '¿En qué puedo ayudarte?' },
    ] as const;
    const plan = planChatContact(channel, { name: 'Ana', email: 'ana@example.com' }, contextOf({ transcript }));
    expect(plan.success).toBe(true);
    if (!plan.success) return;
    const [lead] = plan.data.creates;
    expect(lead?.input).toMatchObject({ firstName: 'Ana', source: 'WEB', sourceDescription: 'Live chat: Website chat', assignedById: 'u-ana' });
    expect(leadInputSchema.safeParse(lead?.input).error).toBeUndefined();
    const { input } = plan.data.activity;
    expect([input.type, input.subject, input.startAt, input.endAt, input.bindings]).toEqual(['chat', 'Live chat: Website chat', at(0), at(4), [{ entityType: 'lead', id: 'r-1' }]]);
    expect(input.description).toBe('Your name: Ana\nE-mail: ana@example.com\n\n10:00 visitor: Hola\n10:04 operator: ¿En qué puedo ayudarte?');
    expect(activityInputSchema.safeParse(input).error).toBeUndefined();
  });

  it('links and completes a known visitor on a contact channel, as a web form does', () => {
    const contactChannel = defineChatChannel({ id: 'c', name: 'Support chat', form: { ...FORM, scheme: 'contact', fields: FORM.fields.map((field) => ({ ...field, target: { entity: 'contact' as const, field: field.target.field } })) } });
    const known: Contact = { id: 'c-1', version: 1, createdAt: at(0), updatedAt: at(0), createdById: 'u', updatedById: 'u', assignedById: 'u', custom: {}, opened: false, exportable: true, firstName: 'Ana' };
    const plan = planChatContact(contactChannel, { name: 'Anita', email: 'ana@example.com' }, contextOf({ knownContact: known }));
    expect(plan.success && plan.data.creates).toEqual([]);
    expect(plan.success && plan.data.contactUpdate).toEqual({ id: 'c-1', changes: { emails: [{ value: 'ana@example.com', kind: 'work' }] } });
    expect(contactInputSchema.safeParse(plan.success ? plan.data.contactUpdate?.changes : {}).error).toBeUndefined();
  });

  it("returns the visitor's issues in the form language", () => {
    const plan = planChatContact(channel, { email: 'nope' }, contextOf({ language: 'es' }));
    expect(plan.success ? [] : plan.issues.map((found) => found.message)).toEqual(['«Tu nombre» es obligatorio.', '«Correo» no es una dirección de correo.']);
  });

  it('refuses a channel whose form makes deals, and a transcript that is not one', () => {
    expect(() => defineChatChannel({ id: 'x', name: 'X', form: { ...FORM, scheme: 'deal+contact', fields: [] } })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => defineChatChannel({ id: 'x', name: 'X', form: { ...FORM, scheme: 'deal+contact', fields: [{ name: 'c', target: { entity: 'deal', field: 'comments' }, labels: { en: 'C', es: 'C' } }] } })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', issues: [expect.objectContaining({ path: ['form', 'scheme'] })] }),
    );
    for (const transcript of [[{ at: at(1), from: 'bot', text: 'x' }], [{ at: at(2), from: 'visitor', text: 'a' }, { at: at(1), from: 'visitor', text: 'b' }], [{ at: at(1), from: 'visitor', text: 'x'.repeat(10_001) }], 'hello']) {
      expect(() => planChatContact(channel, { name: 'Ana' }, contextOf({ transcript: transcript as never }))).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    }
  });
});
