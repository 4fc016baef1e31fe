import { randomUUID } from 'node:crypto';
import { badInput, conflict, exactlyOne, notFound } from '@skills-sichuan/runtime';
import { checkCityCode, checkId, type RequestContext, requireText } from '@skills-sichuan/subgraph-kit';
import { creditCodeProblem } from './credit-code';
import { City } from '../city/city.entity';
import { inTransaction, nextSeq } from '../writes';
import { contactHistoryVault } from './contact-history-vault';
import { Contact, ContactCorrection, Organization } from './organization.entity';
import { correctorOf, type FieldChange } from './record-correction';
import type { ContactInput, CorrectContactsInput, OrganizationLookupArgs, RegisterOrganizationInput } from './organization.input';

const PHONE = /^[0-9+\-() ]{5,32}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A contact as it is kept, without its row's keys. */
export type ContactValues = Pick<Contact, 'position' | 'name' | 'title' | 'phone' | 'email'>;

/** One to five contacts, each with a name and a phone (an e-mail when given), trimmed; the first is the main one. */
export function checkContacts(input: ContactInput[]): ContactValues[] {
  if (input.length < 1 || input.length > 5)
    throw badInput(`an organisation registers one to five contacts, got ${input.length}`, { field: 'contacts' });
  return input.map((c, position) => {
    const phone = requireText(c.phone, `contacts[${position}].phone`, 1, 32);
    if (!PHONE.test(phone))
      throw badInput(`contacts[${position}].phone ${JSON.stringify(phone)} is not a phone number`, { field: 'phone' });
    const email = c.email?.trim() || null;
    if (email && (!EMAIL.test(email) || email.length > 120))
      throw badInput(`contacts[${position}].email ${JSON.stringify(email)} is not an email address`, { field: 'email' });
    return {
      position,
      name: requireText(c.name, `contacts[${position}].name`, 1, 60),
      title: c.title?.trim() ? requireText(c.title, `contacts[${position}].title`, 1, 60) : null,
      phone,
      email,
    };
  });
}

/** Why a credit code cannot be registered, as the client's error; the code normalised to capitals otherwise. */
export function checkCreditCode(value: string): string {
  const code = value.trim().toUpperCase();
  const problem = creditCodeProblem(code);
  if (problem)
    throw badInput(`creditCode ${JSON.stringify(value)} is not a unified social credit code: it ${problem}`, {
      field: 'creditCode',
      reason: 'INVALID_CREDIT_CODE',
    });
  return code;
}

/** Query.organization: one organisation by exactly one of id or creditCode (matched in capitals); null when none matches. */
export function findOrganization(ctx: RequestContext, { id, creditCode }: OrganizationLookupArgs): Promise<Organization | null> {
  const by = exactlyOne({ id, creditCode }, 'organization');
  return ctx.db.getRepository(Organization).findOneBy(by === 'id' ? { id } : { creditCode: creditCode?.toUpperCase() });
}

/** Registers an organisation with its contacts, in one transaction; a CITY_ADMIN registers only in its own city. */
export async function registerOrganization(ctx: RequestContext, input: RegisterOrganizationInput): Promise<Organization> {
  const name = requireText(input.name, 'name', 1, 120);
  const creditCode = checkCreditCode(input.creditCode);
  checkCityCode(input.cityCode);
  ctx.viewer.assertCity(input.cityCode, 'registerOrganization');
  const contacts = checkContacts(input.contacts).map((c) => Object.assign(new Contact(), { id: randomUUID(), ...c }));
  if (!(await ctx.db.getRepository(City).existsBy({ code: input.cityCode })))
    throw badInput(`no 市州 of Sichuan has code ${input.cityCode}`, { field: 'cityCode' });
  const holder = await ctx.db.getRepository(Organization).findOneBy({ creditCode });
  if (holder)
    throw conflict(`credit code ${creditCode} is already registered to ${holder.name}`, {
      reason: 'DUPLICATE_CREDIT_CODE',
      organizationId: holder.id,
    });

  const organization = Object.assign(new Organization(), {
    id: randomUUID(),
    name,
    kind: input.kind,
    creditCode,
    cityCode: input.cityCode,
  });
  await inTransaction(ctx, `registering ${name} (${creditCode})`, async (manager) => {
    await manager.getRepository(Organization).insert(organization);
    await manager.getRepository(Contact).insert(contacts.map((c) => Object.assign(c, { organizationId: organization.id })));
  });
  return organization;
}

const CONTACT_FIELDS = ['name', 'title', 'phone', 'email'] as const;

/** What turns the contacts from one list into the other, field by field and position by position. */
function contactChanges(before: ContactValues[], after: ContactValues[]): FieldChange[] {
  const changes: FieldChange[] = [];
  for (let position = 0; position < Math.max(before.length, after.length); position++) {
    for (const field of CONTACT_FIELDS) {
      const was = before[position]?.[field] ?? null;
      const is = after[position]?.[field] ?? null;
      if (was !== is) changes.push({ field: `contacts[${position}].${field}`, before: was, after: is });
    }
  }
  return changes;
}

/** What a sealed contact correction holds: all of it may name people. */
export interface SealedContactCorrection {
  changes: FieldChange[];
  reason: string;
}

/**
 * 更正: sets an organisation's contacts to the list given and appends what changed, who, when
 * and why to its history, in one transaction. The organisation's own BASE_OPERATOR, its
 * city's CITY_ADMIN and the province may: those who may read the contacts. A list that
 * changes nothing is refused. Two corrections racing on one organisation claim the same
 * seq: the later one is refused with CONFLICT, so none is lost.
 */
export async function correctContacts(ctx: RequestContext, input: CorrectContactsInput): Promise<Organization> {
  checkId(input.organizationId, 'organizationId');
  const reason = requireText(input.reason, 'reason', 1, 2000);
  const wanted = checkContacts(input.contacts);
  const organization = await ctx.db.getRepository(Organization).findOneBy({ id: input.organizationId });
  if (!organization) throw notFound(`no organisation has id ${input.organizationId}`, { field: 'organizationId' });
  ctx.viewer.assertCity(organization.cityCode, 'correctContacts');
  ctx.viewer.assertOrganization(organization.id, 'correctContacts');

  await inTransaction(ctx, `correcting the contacts of ${organization.name}`, async (manager) => {
    // the seq before the contacts: a correction committed in between then makes this one's seq taken (CONFLICT), never its diff stale
    const seq = await nextSeq(manager, ContactCorrection, 'organization_id = :id', { id: organization.id });
    const contacts = manager.getRepository(Contact);
    const current = await contacts.find({ where: { organizationId: organization.id }, order: { position: 'ASC' } });
    const changes = contactChanges(current, wanted);
    if (!changes.length)
      throw badInput('the contacts given are the contacts on record: nothing to correct', { field: 'contacts', reason: 'NOTHING_CHANGED' });
    const correction = Object.assign(new ContactCorrection(), {
      id: randomUUID(),
      organizationId: organization.id,
      seq,
      ...correctorOf(ctx.viewer),
    });
    const sealed: SealedContactCorrection = { changes, reason };
    correction.sealed = contactHistoryVault().seal(sealed, correction.id);
    // the history first: a concurrent correction waits on its seq and is refused, before it touches a contact
    await manager.getRepository(ContactCorrection).insert(correction);
    for (const [position, row] of current.entries()) {
      const values = wanted[position];
      if (!values) await contacts.delete({ id: row.id });
      else if (contactChanges([row], [values]).length) await contacts.update({ id: row.id }, { ...values, position: row.position });
    }
    const added = wanted.slice(current.length);
    if (added.length)
      await contacts.insert(added.map((c) => Object.assign(new Contact(), { ...c, id: randomUUID(), organizationId: organization.id })));
  });
  return organization;
}
