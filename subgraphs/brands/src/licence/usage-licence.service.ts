import { randomUUID } from 'node:crypto';
import { badInput, conflict, constraintViolated, DomainError, ErrorCode, notFound } from '@skills-sichuan/runtime';
import {
  assertNotDishonest,
  type EventHandler,
  type Page,
  paginate,
  type RequestContext,
  requireText,
  todayInChina,
  yearSpan,
} from '@skills-sichuan/subgraph-kit';
import { In, IsNull, MoreThanOrEqual, Not, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { Brand } from '../brand/brand.entity';
import { assertQualified } from './qualification.check';
import { existingBrand } from '../brand/brand.service';
import { assertOrganizationsExist } from '../organization/organization.check';
import { LicenceStatus, UsageLicence } from './usage-licence.entity';
import type { GrantUsageLicenceInput, UsageLicencesArgs } from './usage-licence.input';

/** A licence's status on a day: REVOKED as stored, SUSPENDED while its subject is, EXPIRED once past its validTo, ACTIVE otherwise. */
export function licenceStatusOn(licence: UsageLicence, day: string): LicenceStatus {
  if (licence.storedStatus === LicenceStatus.REVOKED) return LicenceStatus.REVOKED;
  if (licence.validTo < day) return LicenceStatus.EXPIRED;
  return licence.suspendedOn ? LicenceStatus.SUSPENDED : LicenceStatus.ACTIVE;
}

/** Narrows a query of licences (alias `l`) to one status as of today: the SQL of licenceStatusOn. */
export function whereLicenceStatus<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, status: LicenceStatus | null | undefined): void {
  const today = todayInChina();
  if (status === LicenceStatus.REVOKED) query.andWhere(`l.status = 'REVOKED'`);
  if (status === LicenceStatus.ACTIVE) query.andWhere(`l.status = 'ACTIVE' AND l.valid_to >= :today AND l.suspended_on IS NULL`, { today });
  if (status === LicenceStatus.SUSPENDED)
    query.andWhere(`l.status = 'ACTIVE' AND l.valid_to >= :today AND l.suspended_on IS NOT NULL`, { today });
  if (status === LicenceStatus.EXPIRED) query.andWhere(`l.status = 'ACTIVE' AND l.valid_to < :today`, { today });
}

export function listUsageLicences({ db }: RequestContext, args: UsageLicencesArgs): Promise<Page<UsageLicence>> {
  const query = db.getRepository(UsageLicence).createQueryBuilder('l');
  if (args.brandId) query.andWhere('l.brand_id = :brandId', { brandId: args.brandId });
  if (args.licenseeId) query.andWhere('l.licensee_id = :licenseeId', { licenseeId: args.licenseeId });
  whereLicenceStatus(query, args.status);
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
  // 失信惩戒 first: no licence for a dishonest organisation (evaluation's list, kept here by its events), whatever its qualifications
  await assertNotDishonest(ctx.db.manager, { organizationId: input.licenseeId }, 'grantUsageLicence');
  await assertQualified(ctx, brand, input.licenseeId, input.validFrom, input.attestedQualificationIds ?? []);
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
      revokedByDecisionId: null,
      suspendedOn: null,
      suspendedByDecisionId: null,
      suspendedWithSubjectId: null,
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

/** The licence brands a set of subject brands carries: each brand and, for a sub-brand, its public brand (licences are mostly of public brands). */
async function carried(manager: import('typeorm').EntityManager, brandIds: string[]): Promise<Set<string>> {
  if (brandIds.length === 0) return new Set();
  const brands = await manager.getRepository(Brand).find({ where: { id: In(brandIds) }, select: { id: true, parentId: true } });
  return new Set(brands.flatMap((b) => (b.parentId ? [b.id, b.parentId] : [b.id])));
}

/**
 * 取消资格 reaches the licences (`roster.subject-disqualified`): the organisation's licences of
 * the subject's brands that none of its other ACTIVE subjects carries, still running on the
 * decision's day, are suspended with a suspension, revoked with a revocation or exit — each
 * naming the decision. A revoked licence stays revoked; a grant is needed again.
 */
export const applyDisqualification: EventHandler<'roster.subject-disqualified'> = async (manager, event) => {
  const affected = await carried(manager, event.brandIds);
  const kept = await carried(manager, event.remainingBrandIds);
  const brandIds = [...affected].filter((id) => !kept.has(id));
  if (brandIds.length === 0) return;
  const repository = manager.getRepository(UsageLicence);
  const licences = await repository.findBy({
    licenseeId: event.organizationId,
    brandId: In(brandIds),
    storedStatus: LicenceStatus.ACTIVE,
    validTo: MoreThanOrEqual(event.decidedOn),
  });
  for (const licence of licences) {
    if (event.action === 'SUSPEND') {
      if (licence.suspendedOn) continue;
      await repository.update(
        { id: licence.id },
        { suspendedOn: event.decidedOn, suspendedByDecisionId: event.decisionId, suspendedWithSubjectId: event.subjectId },
      );
    } else {
      await repository.update(
        { id: licence.id },
        {
          storedStatus: LicenceStatus.REVOKED,
          // a licence not yet running when the subject went ends the day it would have begun
          revokedOn: event.decidedOn < licence.validFrom ? licence.validFrom : event.decidedOn,
          revocationReason: `培育主体${event.action === 'REVOKE' ? '被取消资格' : '退出'}（${event.decisionReference}），品牌使用许可同步收回`,
          revokedByDecisionId: event.decisionId,
        },
      );
    }
  }
};

/** A subject reinstated (`roster.subject-restored`): the licences its suspension suspended run again. */
export const applyRestoration: EventHandler<'roster.subject-restored'> = async (manager, event) => {
  await manager
    .getRepository(UsageLicence)
    .update(
      { suspendedWithSubjectId: event.subjectId, storedStatus: LicenceStatus.ACTIVE, suspendedOn: Not(IsNull()) },
      { suspendedOn: null, suspendedByDecisionId: null, suspendedWithSubjectId: null },
    );
};
