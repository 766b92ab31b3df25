// Arbitraries shared by the duplicate tests.
import fc from 'fast-check';

export const FIRST = ['Ana', 'Luis', 'Marta', 'João', 'Chloé', 'Wei'];
export const LAST = ['García', 'Pereira', 'Nakamura', 'Dubois', 'Okafor', 'Lindqvist'];
const contact = fc.record({
  firstName: fc.constantFrom(...FIRST),
  lastName: fc.constantFrom(...LAST),
  phone: fc.constantFrom('+34 612 345 678', '+34 699 000 111', '+44 20 7946 0958', ''),
  email: fc.constantFrom('ana@acme.es', 'info@acme.es', 'wei@example.com', ''),
});
/** Small lists of contacts whose names, phones and e-mails collide often. */
export const contacts = fc.array(contact, { minLength: 2, maxLength: 12 }).map((list) =>
  list.map((entry, index) => ({
    id: `c${String(index).padStart(2, '0')}`,
    firstName: entry.firstName,
    lastName: entry.lastName,
    ...(entry.phone === '' ? {} : { phones: [{ value: entry.phone, kind: 'work' }] }),
    ...(entry.email === '' ? {} : { emails: [{ value: entry.email, kind: 'work' }] }),
  })),
);

