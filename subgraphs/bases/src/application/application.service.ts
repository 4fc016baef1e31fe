import { randomUUID } from 'node:crypto';
import { In, type EntityManager } from 'typeorm';
import { badInput, conflict, constraintViolated, DomainError, ErrorCode, notFound, Role } from '@skills-sichuan/runtime';
import {
  checkCityCode,
  paginate,
  type Page,
  type PageArgs,
  type RequestContext,
  todayInChina,
  Workflow,
  requireText,
  assertAllExist,
  assertNotDishonest,
  checkId,
  checkIds,
} from '@skills-sichuan/subgraph-kit';
import { Base, BaseField, BaseProfile } from '../base/base.entity';
import { BaseTier } from '../base/base.enums';
import { assertMainBaseFree } from '../base/base.service';
import { decisionDate } from '../checks';
import { Institution, InstitutionBrand, InstitutionOccupation, InstitutionService } from '../institution/institution.entity';
import { Organization } from '../organization/organization.entity';
import { organizationById } from '../organization/organization.loader';
import { RosterAction, RosterSubjectType } from '../roster/roster-decision.entity';
import { RosterStatus } from '../roster/roster.enums';
import { appendDecision } from '../roster/roster.service';
import { inTransaction, nextSeq } from '../writes';
import { Application, ApplicationKind, ApplicationStatus, ApplicationStep, PENDING_STATUSES, type Proposal } from './application.entity';
import type { ApplicationDecisionInput, ApplicationFilter, SelectApplicationInput, SubmitApplicationInput } from './application.input';

/** Refuses what the kind of application does not take, and what it needs but lacks. */
function checkProposal(input: SubmitApplicationInput): Proposal {
  const present = (name: string, value: unknown) =>
    value !== undefined && value !== null && (!Array.isArray(value) || value.length > 0) && name;
  checkIds(input.brandIds, 'brandIds');
  if (new Set(input.brandIds).size !== input.brandIds.length) throw badInput('brandIds lists a brand twice', { field: 'brandIds' });
  if (input.kind === ApplicationKind.BASE) {
    const extra = [present('services', input.services), present('occupations', input.occupations)].filter(Boolean);
    if (extra.length) throw badInput(`an application for a base takes no ${extra.join(' or ')}`, { field: extra[0] });
    if (!input.tier) throw badInput('an application for a base needs its tier (MAIN or AUXILIARY)', { field: 'tier' });
    if (input.brandIds.length !== 1)
      throw badInput(`a base serves exactly one brand; brandIds lists ${input.brandIds.length}`, { field: 'brandIds' });
    if (!input.conditions)
      throw badInput('an application for a base needs its conditions: facilities, courseSystem, managementSystem', { field: 'conditions' });
    if (!input.fields?.length) throw badInput('an application for a base names at least one field it serves', { field: 'fields' });
    return {
      brandIds: input.brandIds,
      conditions: {
        facilities: requireText(input.conditions.facilities, 'conditions.facilities', 1, 4000),
        courseSystem: requireText(input.conditions.courseSystem, 'conditions.courseSystem', 1, 4000),
        managementSystem: requireText(input.conditions.managementSystem, 'conditions.managementSystem', 1, 4000),
      },
      fields: [...new Set(input.fields)].sort(),
    };
  }
  const extra = [present('tier', input.tier), present('conditions', input.conditions), present('fields', input.fields)].filter(Boolean);
  if (extra.length) throw badInput(`an application for an institution takes no ${extra.join(' or ')}`, { field: extra[0] });
  if (!input.brandIds.length) throw badInput('an institution serves at least one brand', { field: 'brandIds' });
  if (!input.services?.length) throw badInput('an application for an institution names at least one service', { field: 'services' });
  if (!input.occupations?.length)
    throw badInput('an application for an institution names at least one occupation (职业/工种)', { field: 'occupations' });
  const occupations = [...new Set(input.occupations.map((o, i) => requireText(o, `occupations[${i}]`, 1, 60)))].sort();
  return { brandIds: input.brandIds, services: [...new Set(input.services)].sort(), occupations };
}

const pendingTaken = (application: Application, holder?: Application) =>
  conflict(
    `the organisation already has a pending application for this brand and tier${holder ? `: ${holder.name} (${holder.status})` : ''}; it is decided before another is submitted`,
    {
      reason: 'PENDING_APPLICATION_EXISTS',
      ...(holder ? { applicationId: holder.id } : {}),
      brandId: application.brandId,
      tier: application.tier,
    },
  );

/**
 * Refuses a second pending base application for one organisation, brand and tier. The
 * partial unique index uq_application_pending keeps the rule when two arrive at once: the
 * later insert waits on the first and fails, and is refused the same way.
 */
async function insertApplication(manager: EntityManager, application: Application): Promise<void> {
  if (application.kind === ApplicationKind.BASE) {
    const holder = await manager.getRepository(Application).findOneBy({
      kind: ApplicationKind.BASE,
      organizationId: application.organizationId,
      brandId: application.brandId!,
      tier: application.tier!,
      status: In(PENDING_STATUSES),
    });
    if (holder) throw pendingTaken(application, holder);
  }
  try {
    await manager.getRepository(Application).insert(application);
  } catch (err) {
    if (application.kind === ApplicationKind.BASE && constraintViolated(err) === 'unique') throw pendingTaken(application);
    throw err;
  }
}

function actorOf(ctx: RequestContext) {
  return { actor: ctx.viewer.subject ?? ctx.viewer.role, actorRole: ctx.viewer.role, at: new Date().toISOString() };
}

/**
 * Loads an application the viewer may see: a CITY_ADMIN its city's, a BASE_OPERATOR its
 * organisation's. Another's answers null, as an unknown id does: a refusal naming its city
 * would confirm that the application exists.
 */
export async function visibleApplication(ctx: RequestContext, id: string): Promise<Application | null> {
  checkId(id, 'id');
  const application = await ctx.db.getRepository(Application).findOneBy({ id });
  if (!application) return null;
  const { viewer } = ctx;
  if (viewer.role === Role.CITY_ADMIN && application.cityCode !== viewer.cityCode) return null;
  if (viewer.role === Role.BASE_OPERATOR && application.organizationId !== viewer.organizationId) return null;
  return application;
}

/** 申报: a BASE_OPERATOR for its own organisation, a CITY_ADMIN for an organisation of its city. */
export async function submitApplication(ctx: RequestContext, input: SubmitApplicationInput): Promise<Application> {
  checkId(input.organizationId, 'organizationId');
  const name = requireText(input.name, 'name', 1, 200);
  const proposal = checkProposal(input);
  const note = input.note?.trim() || null;
  const organization = await ctx.db.getRepository(Organization).findOneBy({ id: input.organizationId });
  if (!organization) throw notFound(`no organisation has id ${input.organizationId}`, { field: 'organizationId' });
  ctx.viewer.assertOrganization(organization.id, 'submitApplication');
  ctx.viewer.assertCity(organization.cityCode, 'submitApplication');
  // the brands live in the brands subgraph: asked through the graph
  await assertAllExist(ctx, 'brand', proposal.brandIds, { field: 'brandIds' });

  const application = Object.assign(new Application(), {
    id: randomUUID(),
    kind: input.kind,
    organizationId: organization.id,
    cityCode: organization.cityCode,
    name,
    tier: input.kind === ApplicationKind.BASE ? input.tier! : null,
    brandId: input.kind === ApplicationKind.BASE ? proposal.brandIds[0] : null,
    proposal: JSON.stringify(proposal),
    status: ApplicationStatus.SUBMITTED,
    submittedOn: todayInChina(),
    baseId: null,
    institutionId: null,
  });
  await inTransaction(ctx, `the application ${name}`, async (manager) => {
    // 失信惩戒: a dishonest organisation does not even apply
    await assertNotDishonest(manager, { organizationId: organization.id }, 'submitApplication');
    await insertApplication(manager, application);
    await manager.getRepository(ApplicationStep).insert(
      Object.assign(new ApplicationStep(), {
        id: randomUUID(),
        applicationId: application.id,
        seq: 1,
        fromStatus: null,
        toStatus: ApplicationStatus.SUBMITTED,
        reason: note,
        ...actorOf(ctx),
      }),
    );
  });
  return application;
}

/** The selection workflow: 初审 passes or rejects a submission, 遴选 selects or rejects a reviewed one. */
export const applicationWorkflow = new Workflow<ApplicationStatus>('application', {
  SUBMITTED: [ApplicationStatus.PRELIMINARY_REVIEW, ApplicationStatus.REJECTED],
  PRELIMINARY_REVIEW: [ApplicationStatus.SELECTED, ApplicationStatus.REJECTED],
  SELECTED: [],
  REJECTED: [],
});

async function applicationToMove(ctx: RequestContext, id: string, to: ApplicationStatus): Promise<Application> {
  checkId(id, 'id');
  const application = await ctx.db.getRepository(Application).findOneBy({ id });
  if (!application) throw notFound(`no application has id ${id}`);
  applicationWorkflow.assertMove(application.status, to);
  return application;
}

/** Moves the application from the status it was read in and appends the step, inside the caller's transaction. */
async function recordMove(
  manager: EntityManager,
  ctx: RequestContext,
  application: Application,
  to: ApplicationStatus,
  reason: string,
  outcome: Partial<Application> = {},
): Promise<Application> {
  const updated = await manager
    .createQueryBuilder()
    .update(Application)
    .set({ status: to, ...outcome })
    .where('id = :id AND status = :from', { id: application.id, from: application.status })
    .execute();
  if (updated.affected !== 1)
    throw new DomainError(ErrorCode.CONFLICT, 'the application changed while this step was taken; read it again', {
      reason: 'CONCURRENT_CHANGE',
    });
  const seq = await nextSeq(manager, ApplicationStep, 'application_id = :id', { id: application.id });
  await manager.getRepository(ApplicationStep).insert(
    Object.assign(new ApplicationStep(), {
      id: randomUUID(),
      applicationId: application.id,
      seq,
      fromStatus: application.status,
      toStatus: to,
      reason,
      ...actorOf(ctx),
    }),
  );
  return Object.assign(application, { status: to, ...outcome });
}

/** 初审 passed: SUBMITTED → PRELIMINARY_REVIEW. */
export async function passPreliminaryReview(ctx: RequestContext, input: ApplicationDecisionInput): Promise<Application> {
  const opinion = requireText(input.opinion, 'opinion', 1, 4000);
  const application = await applicationToMove(ctx, input.id, ApplicationStatus.PRELIMINARY_REVIEW);
  return inTransaction(ctx, 'the preliminary review', (manager) =>
    recordMove(manager, ctx, application, ApplicationStatus.PRELIMINARY_REVIEW, opinion),
  );
}

/** Refused at 初审 or at 遴选: → REJECTED, with the reason. */
export async function rejectApplication(ctx: RequestContext, input: ApplicationDecisionInput): Promise<Application> {
  const opinion = requireText(input.opinion, 'opinion', 1, 4000);
  const application = await applicationToMove(ctx, input.id, ApplicationStatus.REJECTED);
  return inTransaction(ctx, 'the rejection', (manager) => recordMove(manager, ctx, application, ApplicationStatus.REJECTED, opinion));
}

/**
 * 遴选: PRELIMINARY_REVIEW → SELECTED. Creates the base or institution ACTIVE on the roster,
 * opens its roster history with the ADD decision, and links it to the application, in one
 * transaction; refused for a dishonest organisation or a second ACTIVE main base.
 */
export async function selectApplication(ctx: RequestContext, input: SelectApplicationInput): Promise<Application> {
  const opinion = requireText(input.opinion, 'opinion', 1, 4000);
  const decisionReference = requireText(input.decisionReference, 'decisionReference', 1, 100);
  const designatedOn = decisionDate(input.designatedOn, 'designatedOn');
  const application = await applicationToMove(ctx, input.id, ApplicationStatus.SELECTED);
  if (designatedOn < application.submittedOn) {
    throw badInput(`designatedOn ${designatedOn} is before the application was submitted (${application.submittedOn})`, {
      field: 'designatedOn',
    });
  }
  const organization = (await ctx.db.getRepository(Organization).findOneBy({ id: application.organizationId }))!;
  const proposal = application.parsedProposal;
  const subjectId = randomUUID();

  return inTransaction(ctx, `selecting ${application.name}`, async (manager) => {
    // DOMAIN.md: a dishonest subject cannot be selected (the flags evaluation's events keep here)
    await assertNotDishonest(manager, { organizationId: organization.id }, 'selectApplication');
    if (application.kind === ApplicationKind.BASE) {
      if (application.tier === BaseTier.MAIN) await assertMainBaseFree(manager, application.brandId!, application.cityCode);
      await manager.getRepository(Base).insert(
        Object.assign(new Base(), {
          id: subjectId,
          name: application.name,
          tier: application.tier!,
          brandId: application.brandId!,
          operatorId: organization.id,
          cityCode: application.cityCode,
          status: RosterStatus.ACTIVE,
          designatedOn,
        }),
      );
      await manager.getRepository(BaseProfile).insert(Object.assign(new BaseProfile(), { baseId: subjectId, ...proposal.conditions! }));
      await manager
        .getRepository(BaseField)
        .insert(proposal.fields!.map((field) => Object.assign(new BaseField(), { baseId: subjectId, field })));
    } else {
      await manager.getRepository(Institution).insert(
        Object.assign(new Institution(), {
          id: subjectId,
          name: application.name,
          organizationId: organization.id,
          cityCode: application.cityCode,
          status: RosterStatus.ACTIVE,
          designatedOn,
        }),
      );
      await manager
        .getRepository(InstitutionService)
        .insert(proposal.services!.map((service) => Object.assign(new InstitutionService(), { institutionId: subjectId, service })));
      await manager
        .getRepository(InstitutionBrand)
        .insert(proposal.brandIds.map((brandId) => Object.assign(new InstitutionBrand(), { institutionId: subjectId, brandId })));
      await manager
        .getRepository(InstitutionOccupation)
        .insert(
          proposal.occupations!.map((occupation) => Object.assign(new InstitutionOccupation(), { institutionId: subjectId, occupation })),
        );
    }
    await appendDecision(manager, ctx, {
      subjectType: application.kind === ApplicationKind.BASE ? RosterSubjectType.BASE : RosterSubjectType.INSTITUTION,
      subjectId,
      action: RosterAction.ADD,
      fromStatus: null,
      toStatus: RosterStatus.ACTIVE,
      reason: null,
      explanation: opinion,
      decisionReference,
      decidedOn: designatedOn,
      causeAssessmentId: null,
      causeCreditEventId: null,
    });
    const outcome = application.kind === ApplicationKind.BASE ? { baseId: subjectId } : { institutionId: subjectId };
    return recordMove(manager, ctx, application, ApplicationStatus.SELECTED, `${decisionReference}: ${opinion}`, outcome);
  });
}

/** Query.applications: newest first; a CITY_ADMIN reads only its city's, a BASE_OPERATOR only its organisation's. */
export async function listApplications(
  ctx: RequestContext,
  filter: ApplicationFilter | null | undefined,
  page: PageArgs,
): Promise<Page<Application>> {
  checkCityCode(filter?.cityCode);
  checkId(filter?.organizationId, 'filter.organizationId');
  const { viewer } = ctx;
  if (filter?.cityCode) viewer.assertCity(filter.cityCode, 'applications');
  if (filter?.organizationId) viewer.assertOrganization(filter.organizationId, 'applications');
  const query = ctx.db.getRepository(Application).createQueryBuilder('a');
  if (viewer.role === Role.CITY_ADMIN) query.andWhere('a.city_code = :scopeCity', { scopeCity: viewer.cityCode });
  if (viewer.role === Role.BASE_OPERATOR)
    query.andWhere('a.organization_id = :scopeOrganization', { scopeOrganization: viewer.organizationId });
  if (filter?.status) query.andWhere('a.status = :status', { status: filter.status });
  if (filter?.kind) query.andWhere('a.kind = :kind', { kind: filter.kind });
  if (filter?.cityCode) query.andWhere('a.city_code = :cityCode', { cityCode: filter.cityCode });
  if (filter?.organizationId) query.andWhere('a.organization_id = :organizationId', { organizationId: filter.organizationId });
  // each application's organisation joined (one per application) and handed to the loader its field reads
  query.leftJoinAndMapOne('a.organization', Organization, 'o', 'o.id = a.organization_id');
  const found = await paginate(
    query,
    [
      { column: 'a.submitted_on', property: 'submittedOn', direction: 'DESC' },
      { column: 'a.id', property: 'id', direction: 'ASC' },
    ],
    page,
    { toOneJoins: true },
  );
  for (const application of found.nodes)
    if (application.organization) ctx.loaders.of(organizationById).prime(application.organizationId, application.organization);
  return found;
}
