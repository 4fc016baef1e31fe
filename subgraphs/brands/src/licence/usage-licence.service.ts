import { randomUUID } from 'node:crypto';
import { badInput, conflict, constraintViolated, DomainError, ErrorCode, notFound } from '@skills-sichuan/runtime';
import { type Page, paginate, type RequestContext, requireText, todayInChina, yearSpan } from '@skills-sichuan/subgraph-kit';
import { existingBrand } from '../brand/brand.service';
import { assertOrganizationsExist } from '../organization/organization.check';
import { LicenceStatus, UsageLicence } from './usage-licence.entity';
import type { GrantUsageLicenceInput, UsageLicencesArgs } from './usage-licence.input';

/** A licence's status on a day: REVOKED as stored, EXPIRED once past its validTo, ACTIVE otherwise. */
export function licenceStatusOn(licence: UsageLicence, day: string): LicenceStatus {
  if (licence.storedStatus === LicenceStatus.REVOKED) return LicenceStatus.REVOKED;
  return licence.validTo < day ? LicenceStatus.EXPIRED : LicenceStatus.ACTIVE;
}

export function listUsageLicences({ db }: RequestContext, args: UsageLicencesArgs): Promise<Page<UsageLicence>> {
  const query = db.getRepository(UsageLicence).createQueryBuilder('l');
  if (args.brandId) query.andWhere('l.brand_id = :brandId', { brandId: args.brandId });
  if (args.licenseeId) query.andWhere('l.licensee_id = :licenseeId', { licenseeId: args.licenseeId });
  const today = todayInChina();
  if (args.status === LicenceStatus.REVOKED) query.andWhere(`l.status = 'REVOKED'`);
  if (args.status === LicenceStatus.ACTIVE) query.andWhere(`l.status = 'ACTIVE' AND l.valid_to >= :today`, { today });
  if (args.status === LicenceStatus.EXPIRED) query.andWhere(`l.status = 'ACTIVE' AND l.valid_to < :today`, { today });
  return paginate(
    query,
    [
      { column: 'l.valid_from', property: 'validFrom', direction: 'DESC' },
      { column: 'l.id', property: 'id', direction: 'ASC' },
    ],
    args,
  );
}

export async function grantUsageLicence(ctx: RequestContext, input: GrantUsageLicenceInput): Promise<UsageLicence> {
  if (input.validTo < input.validFrom)
    throw badInput(`validTo (${input.validTo}) precedes validFrom (${input.validFrom})`, { field: 'validTo' });
  const scope = requireText(input.scope, 'scope', 4, 1000);
  const brand = await existingBrand(ctx, input.brandId);
  await assertOrganizationsExist(ctx, [input.licenseeId], 'licenseeId');
  return ctx.db.transaction(async (manager) => {
    const repository = manager.getRepository(UsageLicence);
    const year = input.validFrom.slice(0, 4);
    // numbered per brand and year of validity: the next after those the brand has for that year
    const sequence =
      (await repository
        .createQueryBuilder('l')
        .where('l.brand_id = :brandId AND l.valid_from BETWEEN :first AND :last', { brandId: brand.id, ...yearSpan(year) })
        .getCount()) + 1;
    const licence = repository.create({
      id: randomUUID(),
      licenceNumber: `${brand.code}-${year}-${String(sequence).padStart(4, '0')}`,
      brandId: brand.id,
      licenseeId: input.licenseeId,
      scope,
      validFrom: input.validFrom,
      validTo: input.validTo,
      storedStatus: LicenceStatus.ACTIVE,
      revokedOn: null,
      revocationReason: null,
    });
    try {
      await repository.insert(licence);
    } catch (err) {
      if (constraintViolated(err) === 'unique') throw conflict('another licence was granted at the same moment; retry');
      throw err;
    }
    return licence;
  });
}

/** Withdraws a licence before its end, for a written reason; the record stays. */
export async function revokeUsageLicence(ctx: RequestContext, id: string, reason: string, revokedOn: string): Promise<UsageLicence> {
  const why = reason.trim();
  if (why.length < 4) throw badInput('a revocation needs its reason (at least 4 characters)', { field: 'reason' });
  return ctx.db.transaction(async (manager) => {
    const repository = manager.getRepository(UsageLicence);
    const licence = await repository.findOneBy({ id });
    if (!licence) throw notFound(`no licence has the id ${JSON.stringify(id)}`, { field: 'id' });
    if (licence.storedStatus === LicenceStatus.REVOKED)
      throw new DomainError(ErrorCode.INVALID_TRANSITION, `licence ${licence.licenceNumber} was revoked on ${licence.revokedOn} already`);
    if (revokedOn < licence.validFrom)
      throw badInput(`revokedOn must not precede validFrom (${licence.validFrom})`, { field: 'revokedOn' });
    Object.assign(licence, { storedStatus: LicenceStatus.REVOKED, revokedOn, revocationReason: why });
    await repository.update({ id }, { storedStatus: LicenceStatus.REVOKED, revokedOn, revocationReason: why });
    return licence;
  });
}
