import { randomUUID } from 'node:crypto';
import { badInput, conflict, constraintViolated, notFound } from '@skills-sichuan/runtime';
import { type Page, paginate, type RequestContext, requireText } from '@skills-sichuan/subgraph-kit';
import { existingBrand } from '../brand/brand.service';
import { assertOrganizationsExist } from '../organization/organization.check';
import { IpRegistration, IpStatus, ipWorkflow } from './ip-registration.entity';
import type { FileIpRegistrationInput, IpRegistrationsArgs } from './ip-registration.input';

const NUMBER = /^[A-Z0-9][A-Z0-9.\-/]{5,39}$/;

export function listIpRegistrations({ db }: RequestContext, args: IpRegistrationsArgs): Promise<Page<IpRegistration>> {
  const query = db.getRepository(IpRegistration).createQueryBuilder('ip');
  if (args.brandId) query.andWhere('ip.brand_id = :brandId', { brandId: args.brandId });
  if (args.kind) query.andWhere('ip.kind = :kind', { kind: args.kind });
  if (args.status) query.andWhere('ip.status = :status', { status: args.status });
  return paginate(
    query,
    [
      { column: 'ip.applied_on', property: 'appliedOn', direction: 'DESC' },
      { column: 'ip.id', property: 'id', direction: 'ASC' },
    ],
    args,
  );
}

export async function fileIpRegistration(ctx: RequestContext, input: FileIpRegistrationInput): Promise<IpRegistration> {
  const registrationNumber = input.registrationNumber.trim().toUpperCase();
  if (!NUMBER.test(registrationNumber))
    throw badInput('registrationNumber must be 6–40 letters, digits or . - /', { field: 'registrationNumber' });
  const title = requireText(input.title, 'title', 2, 200);
  await existingBrand(ctx, input.brandId);
  await assertOrganizationsExist(ctx, [input.holderId], 'holderId');
  const registration = ctx.db.getRepository(IpRegistration).create({
    id: randomUUID(),
    kind: input.kind,
    registrationNumber,
    title,
    brandId: input.brandId,
    holderId: input.holderId,
    status: IpStatus.APPLIED,
    appliedOn: input.appliedOn,
    grantedOn: null,
    expiresOn: null,
  });
  try {
    await ctx.db.getRepository(IpRegistration).insert(registration);
  } catch (err) {
    if (constraintViolated(err) === 'unique')
      throw conflict(`a ${input.kind.toLowerCase()} numbered ${registrationNumber} is registered already`, { field: 'registrationNumber' });
    throw err;
  }
  return registration;
}

/** APPLIED → GRANTED with its term, GRANTED → EXPIRED; never back. */
export async function changeIpRegistrationStatus(
  ctx: RequestContext,
  id: string,
  status: IpStatus,
  effectiveOn: string,
  expiresOn?: string | null,
): Promise<IpRegistration> {
  return ctx.db.transaction(async (manager) => {
    const repository = manager.getRepository(IpRegistration);
    const registration = await repository.findOneBy({ id });
    if (!registration) throw notFound(`no registration has the id ${JSON.stringify(id)}`, { field: 'id' });
    ipWorkflow.assertMove(registration.status, status);
    if (status === IpStatus.GRANTED) {
      if (effectiveOn < registration.appliedOn)
        throw badInput(`a grant cannot precede the application (${registration.appliedOn})`, { field: 'effectiveOn' });
      if (!expiresOn || expiresOn <= effectiveOn)
        throw badInput('a grant needs expiresOn, after the day it is granted', { field: 'expiresOn' });
      Object.assign(registration, { status, grantedOn: effectiveOn, expiresOn });
    } else {
      if (registration.grantedOn && effectiveOn < registration.grantedOn)
        throw badInput(`it cannot expire before it was granted (${registration.grantedOn})`, { field: 'effectiveOn' });
      Object.assign(registration, { status, expiresOn: effectiveOn });
    }
    await repository.update({ id }, { status: registration.status, grantedOn: registration.grantedOn, expiresOn: registration.expiresOn });
    return registration;
  });
}
