import { randomUUID } from 'node:crypto';
import { badInput, conflict, exactlyOne } from '@skills-sichuan/runtime';
import { checkCityCode, type RequestContext, requireText } from '@skills-sichuan/subgraph-kit';
import { creditCodeProblem } from './credit-code';
import { City } from '../city/city.entity';
import { inTransaction } from '../writes';
import { Contact, Organization } from './organization.entity';
import type { OrganizationLookupArgs, RegisterOrganizationInput } from './organization.input';

const PHONE = /^[0-9+\-() ]{5,32}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

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
  if (input.contacts.length < 1 || input.contacts.length > 5)
    throw badInput(`an organisation registers one to five contacts, got ${input.contacts.length}`, { field: 'contacts' });
  const contacts = input.contacts.map((c, position) => {
    const phone = requireText(c.phone, `contacts[${position}].phone`, 1, 32);
    if (!PHONE.test(phone))
      throw badInput(`contacts[${position}].phone ${JSON.stringify(phone)} is not a phone number`, { field: 'phone' });
    const email = c.email?.trim() || null;
    if (email && (!EMAIL.test(email) || email.length > 120))
      throw badInput(`contacts[${position}].email ${JSON.stringify(email)} is not an email address`, { field: 'email' });
    return Object.assign(new Contact(), {
      id: randomUUID(),
      position,
      name: requireText(c.name, `contacts[${position}].name`, 1, 60),
      title: c.title?.trim() || null,
      phone,
      email,
    });
  });
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
