import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAccessPolicy, createCrm, duplicateControl, intakeControl, manualClock, sequentialIds } from 'crm-kit';
import { createMemoryStore } from 'crm-kit/memory';

const WRITE = { read: 'all', add: 'all', update: 'all' } as const;
const ADMIN = { userId: 'u-admin', roleIds: [], departmentIds: [], isAdmin: true };

function crm(): ReturnType<typeof createCrm> {
  return createCrm({
    store: createMemoryStore(),
    clock: manualClock('2026-03-02T10:00:00Z'),
    ids: sequentialIds(),
    access: createAccessPolicy({ roles: [{ id: 'web', name: 'Web', permissions: { contact: WRITE, activity: WRITE } }], orgChart: { departments: [] } }),
    duplicates: duplicateControl(),
    intake: intakeControl({
      principal: { userId: 'u-forms', roleIds: ['web'], departmentIds: [], isAdmin: false },
      forms: [
        {
          id: 'f', name: 'Contact us', scheme: 'contact', languages: ['en'], responsible: { userId: 'u-ana' },
          fields: [
            { name: 'name', target: { entity: 'contact', field: 'firstName' }, labels: { en: 'Name' }, required: true },
            { name: 'email', target: { entity: 'contact', field: 'emails' }, labels: { en: 'E-mail' }, required: true },
            { name: 'phone', target: { entity: 'contact', field: 'phones' }, labels: { en: 'Phone' } },
          ],
        },
      ],
    }),
  });
}

// The same address as people type it again: other case, spaces around it.
const spelling = (address: string): fc.Arbitrary<string> =>
  fc.tuple(fc.boolean(), fc.constantFrom('', ' ', '  '), fc.constantFrom('', ' ')).map(([upper, before, after]) => `${before}${upper ? address.toUpperCase() : address}${after}`);

describe('crm.intake.submit (property)', () => {
  it('never makes a second contact for a repeat submission with the same normalised e-mail, whatever name it gives', async () => {
    const names = fc.constantFrom('Ana', 'Ana García', 'Leo', 'María José', 'A. G.');
    await fc.assert(
      fc.asyncProperty(
        names,
        fc.emailAddress().chain((address) => fc.tuple(fc.constant(address), fc.array(fc.tuple(spelling(address), names), { minLength: 1, maxLength: 4 }))),
        fc.option(fc.constantFrom('+34 600 123 456', '600123456'), { nil: undefined }),
        async (name, [address, again], phone) => {
          const app = crm();
          await app.intake.submit('f', { name, email: address });
          for (const [index, [spelt, other]] of again.entries()) {
            const receipt = await app.intake.submit('f', { name: other, email: spelt, ...(phone === undefined ? {} : { phone }) }, { idempotencyKey: `k${String(index)}` });
            expect(receipt.status).toBe('accepted');
          }
          expect(await app.as(ADMIN).contacts.count()).toBe(1);
          expect(await app.as(ADMIN).activities.count()).toBe(again.length + 1);
        },
      ),
      { numRuns: 40 },
    );
  });
});
