// Type tests, checked by `tsc` in `npm run typecheck`: the schemas parse to the hand-written
// interfaces, and misuse does not compile.
import { expectTypeOf } from 'vitest';
import type { z } from 'zod';
import { computeProductRowsTotal, createFieldRegistry, entitySchema, money, validateEntity } from 'crm-kit';
import type { Contact, ContactInput, contactInputSchema, ContactPatch, contactPatchSchema, contactSchema, Deal, DealInput, dealInputSchema, DealPatch, dealSchema, EntityRecord, FieldRegistry, Lead, leadSchema, Money, ProductRow, productRowSchema, ProductRowTotals, Result } from 'crm-kit';

expectTypeOf<z.infer<typeof contactInputSchema>>().toEqualTypeOf<ContactInput>();
expectTypeOf<z.infer<typeof contactPatchSchema>>().toEqualTypeOf<ContactPatch>();
expectTypeOf<z.infer<typeof contactSchema>>().toEqualTypeOf<Contact>();
expectTypeOf<z.infer<typeof dealInputSchema>>().toEqualTypeOf<DealInput>();
expectTypeOf<z.infer<typeof dealSchema>>().toEqualTypeOf<Deal>();
expectTypeOf<z.infer<typeof leadSchema>>().toEqualTypeOf<Lead>();
expectTypeOf<z.infer<typeof productRowSchema>>().toEqualTypeOf<ProductRow>();

// The registry's entity type picks the record type of entitySchema and validateEntity.
const deals = createFieldRegistry('deal') as FieldRegistry & { readonly entityType: 'deal' };
expectTypeOf(entitySchema(deals, 'patch')).toEqualTypeOf<z.ZodType<DealPatch>>();
expectTypeOf(validateEntity(deals, 'stored', {})).toEqualTypeOf<Result<Deal>>();
expectTypeOf<EntityRecord<'contact', 'input'>>().toEqualTypeOf<ContactInput>();
expectTypeOf<EntityRecord<'deal'>>().toEqualTypeOf<Deal>();

// Totals keep a literal currency.
expectTypeOf(computeProductRowsTotal([], 'EUR')).toEqualTypeOf<ProductRowTotals<'EUR'>>();
expectTypeOf(computeProductRowsTotal([], 'EUR').total).toEqualTypeOf<Money<'EUR'>>();

// Records are readonly.
declare const contact: Contact;
// @ts-expect-error a stored record is never mutated
contact.firstName = 'Eva';
declare const phones: NonNullable<Contact['phones']>;
// @ts-expect-error nor its lists
phones[0] = { value: '+34 600 000 000', kind: 'mobile' };

// A patch may clear an optional field with null, never a flag or the responsible person.
const clears: ContactPatch = { position: null, phones: null };
expectTypeOf(clears).toExtend<ContactPatch>();
// @ts-expect-error a flag cannot be cleared
const _noFlag: ContactPatch = { exportable: null };
// @ts-expect-error the responsible person cannot be cleared
const _noOwner: ContactPatch = { assignedById: null };
// @ts-expect-error an input never holds null
const _noNull: ContactInput = { position: null };
// @ts-expect-error a multi-field kind belongs to its field
const _wrongKind: ContactInput = { emails: [{ value: 'ana@example.com', kind: 'mobile' }] };
// @ts-expect-error a deal needs a title
const _untitled: DealInput = { probability: 10 };
// @ts-expect-error a quantity is decimal text, never a number
const _floatQuantity: ProductRow = { name: 'x', price: money('1', 'EUR'), quantity: 1.5 };
// @ts-expect-error a calendar date is 'YYYY-MM-DD' text, never a Date
const _dateBirthday: ContactInput = { birthdate: new Date('2000-01-01') };
