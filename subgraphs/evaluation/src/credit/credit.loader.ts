import { In } from 'typeorm';
import { Role } from '@skills-sichuan/runtime';
import { byKey, defineLoader, groupedByKey, type RequestContext } from '@skills-sichuan/subgraph-kit';
import { bySubjectType, subjectKey, subjectKeyOf, type SubjectKey } from '../subject/subject-key';
import { CreditCommitment, CreditEvent, CreditEventKind, CreditLevel, CreditProfile, IntegrityInvestigation } from './credit.entity';
import { dishonestOrganizations, ORGANIZATION_LIST_KINDS, subjectOrganizations } from './organization-dishonesty';
import { creditProfile } from './credit.rule';

const eventsInOrder = ({ db }: RequestContext) =>
  db.getRepository(CreditEvent).createQueryBuilder('e').orderBy('e.occurred_on', 'ASC').addOrderBy('e.id', 'ASC');

/**
 * The credit the viewer is shown, from the events it may read alone: a score over hidden
 * events would give their sum away (100 − score). The dishonesty list's events are public,
 * so `dishonest` is the same for every viewer.
 */
const profileFor =
  (ctx: RequestContext) =>
  (events: CreditEvent[]): CreditProfile => {
    const visible = events.filter((e) => mayReadCreditEvent(ctx, e));
    return Object.assign(new CreditProfile(), creditProfile(visible), { visibleEvents: visible });
  };

/** Each organisation's credit, from all its events (those recorded against its subjects too): one select. */
export const organizationCredit = defineLoader<string, CreditProfile>('organizationCredit', async (ids, ctx) =>
  groupedByKey(
    ids,
    await ctx.reads.entities(eventsInOrder(ctx).where('e.organization_id IN (:...ids)', { ids: [...ids] })),
    (e) => e.organizationId,
  ).map(profileFor(ctx)),
);

/**
 * Each subject's credit, from the events recorded against it: a select per subject type,
 * sent together, which also reads the organisation-level list events. A subject whose organisation
 * is on the dishonesty list through events of its own is dishonest (level D) too; only then
 * is the graph asked for the subjects' organisations.
 */
export const subjectCredit = defineLoader<SubjectKey, CreditProfile>(
  'subjectCredit',
  async (keys, ctx) => {
    const rows: CreditEvent[] = [];
    const organizationLevel = new Map<string, CreditEvent>();
    const ofType = ([type, ids]: [string, string[]]) =>
      ctx.reads.entities(
        eventsInOrder(ctx).where(
          '(e.subject_type = :type AND e.subject_id IN (:...ids)) OR (e.subject_id IS NULL AND e.kind IN (:...listed))',
          {
            type,
            ids,
            listed: ORGANIZATION_LIST_KINDS,
          },
        ),
      );
    for (const e of (await Promise.all([...bySubjectType(keys)].map(ofType))).flat()) {
      if (e.subjectId === null) organizationLevel.set(e.id, e);
      else rows.push(e);
    }
    const profiles = groupedByKey(keys.map(subjectKey), rows, subjectKeyOf).map(profileFor(ctx));
    const listed = dishonestOrganizations([...organizationLevel.values()]);
    if (listed.size > 0) {
      for (const [type, ids] of bySubjectType(keys)) {
        const owners = await subjectOrganizations(ctx, type, ids);
        keys.forEach((key, i) => {
          if (key.type !== type || !listed.has(owners.get(key.id) ?? '')) return;
          profiles[i] = Object.assign(new CreditProfile(), profiles[i], { dishonest: true, level: CreditLevel.D });
        });
      }
    }
    return profiles;
  },
  { cacheKey: subjectKey },
);

/** The events that put a subject on or off the dishonesty list are public; the rest only to those who supervise it. */
const PUBLIC_KINDS = new Set([CreditEventKind.DISHONESTY, CreditEventKind.REMEDIATION]);

/** What a viewer may read of credit events and investigations: all (province, assessors), its city's, its own organisation's. */
export function mayReadCreditDetail({ viewer }: RequestContext, row: { organizationId: string; cityCode: string }): boolean {
  switch (viewer.role) {
    case Role.PROVINCIAL_ADMIN:
    case Role.ASSESSOR:
      return true;
    case Role.CITY_ADMIN:
      return row.cityCode === viewer.cityCode;
    case Role.BASE_OPERATOR:
      return row.organizationId === viewer.organizationId;
    default:
      return false;
  }
}

export const mayReadCreditEvent = (ctx: RequestContext, event: CreditEvent) =>
  PUBLIC_KINDS.has(event.kind) || mayReadCreditDetail(ctx, event);

export const creditEventById = defineLoader<string, CreditEvent | null>('creditEventById', async (ids, ctx) =>
  byKey(ids, await ctx.db.getRepository(CreditEvent).findBy({ id: In([...ids]) }), (e) => e.id).map((e) =>
    e && mayReadCreditEvent(ctx, e) ? e : null,
  ),
);

export const commitmentsOf = defineLoader<string, CreditCommitment[]>('commitmentsOf', async (ids, { db }) =>
  groupedByKey(
    ids,
    await db.getRepository(CreditCommitment).find({ where: { organizationId: In([...ids]) }, order: { year: 'DESC', id: 'ASC' } }),
    (c) => c.organizationId,
  ),
);

/** Investigations of organisations, newest first, as far as the viewer may read them. */
export const investigationsOf = defineLoader<string, IntegrityInvestigation[]>('investigationsOf', async (ids, ctx) =>
  groupedByKey(
    ids,
    (
      await ctx.db
        .getRepository(IntegrityInvestigation)
        .find({ where: { organizationId: In([...ids]) }, order: { openedOn: 'DESC', id: 'ASC' } })
    ).filter((i) => mayReadCreditDetail(ctx, i)),
    (i) => i.organizationId,
  ),
);

export const investigationById = defineLoader<string, IntegrityInvestigation | null>('investigationById', async (ids, ctx) =>
  byKey(ids, await ctx.db.getRepository(IntegrityInvestigation).findBy({ id: In([...ids]) }), (i) => i.id).map((i) =>
    i && mayReadCreditDetail(ctx, i) ? i : null,
  ),
);
