import type { EntityManager } from 'typeorm';
import { IsNull, Not } from 'typeorm';
import { addDays, CITIES, insertMany, Random, type ProgramOptions } from '@skills-sichuan/subgraph-kit';
import { RosterDecision, RosterSubjectType } from './roster/roster-decision.entity';
import { followDecision } from './roster/roster.service';
import { PolicySupport } from './support/policy-support.entity';
import { SupportKind } from './support/support.enums';
import { Base } from './base/base.entity';
import { City } from './city/city.entity';
import { Institution, InstitutionBrand, InstitutionService } from './institution/institution.entity';
import { Organization } from './organization/organization.entity';
import { generateRoster } from './seed/roster.generator';
import { seedWorkflow } from './seed-workflow';

/** The bases subgraph's records of the program: the cities, the roster (its generator) and the workflow behind it. */
export async function seedRoster(manager: EntityManager, options: ProgramOptions): Promise<void> {
  const roster = generateRoster(options);
  await insertMany(
    manager,
    City,
    CITIES.map(({ code, name }) => Object.assign(new City(), { code, name })),
  );
  await insertMany(
    manager,
    Organization,
    roster.organizations.map((o) => Object.assign(new Organization(), o)),
  );
  await insertMany(
    manager,
    Base,
    roster.bases.map((b) => Object.assign(new Base(), b)),
  );
  await insertMany(
    manager,
    Institution,
    roster.institutions.map(({ id, name, organizationId, cityCode, status, designatedOn }) =>
      Object.assign(new Institution(), { id, name, organizationId, cityCode, status, designatedOn }),
    ),
  );
  await insertMany(
    manager,
    InstitutionService,
    roster.institutions.flatMap((i) =>
      i.services.map((service) => Object.assign(new InstitutionService(), { institutionId: i.id, service })),
    ),
  );
  await insertMany(
    manager,
    InstitutionBrand,
    roster.institutions.flatMap((i) =>
      i.brandIds.map((brandId) => Object.assign(new InstitutionBrand(), { institutionId: i.id, brandId })),
    ),
  );
  await seedWorkflow(manager, options, roster);
  await seedSupport(manager, options, roster);
  await announceSeededDecisions(manager);
}

const SUPPORT: [SupportKind, string][] = [
  [SupportKind.TRAINING_SUBSIDY, '年度培训补贴'],
  [SupportKind.CONSTRUCTION_FUNDING, '基地建设资金支持'],
  [SupportKind.HIGH_SKILL_BASE_PRIORITY, '优先推荐创建高技能人才培训基地'],
];

/** policy support: about half the bases and institutions hold one from their designation, for two years */
async function seedSupport(manager: EntityManager, options: ProgramOptions, roster: ReturnType<typeof generateRoster>): Promise<void> {
  const rng = new Random(options.seed, 'bases.support');
  const supports: PolicySupport[] = [];
  const subjects = [
    ...roster.bases.map((b) => ({ type: RosterSubjectType.BASE, id: b.id, organizationId: b.operatorId, designatedOn: b.designatedOn })),
    ...roster.institutions.map((i) => ({
      type: RosterSubjectType.INSTITUTION,
      id: i.id,
      organizationId: i.organizationId,
      designatedOn: i.designatedOn,
    })),
  ];
  for (const subject of subjects) {
    if (!rng.chance(0.5)) continue;
    const [kind, what] = rng.pick(SUPPORT);
    supports.push(
      Object.assign(new PolicySupport(), {
        id: rng.uuid(),
        subjectType: subject.type,
        subjectId: subject.id,
        organizationId: subject.organizationId,
        kind,
        description: `${subject.designatedOn.slice(0, 4)}${what}`,
        grantedBy: '四川省人力资源和社会保障厅',
        grantedOn: subject.designatedOn,
        validFrom: subject.designatedOn,
        validTo: addDays(subject.designatedOn, 2 * 365),
        withdrawnOn: null,
        withdrawnByDecisionId: null,
        recordedBy: 'seed:provincial-admin',
      }),
    );
  }
  await insertMany(manager, PolicySupport, supports);
}

/**
 * The seeded roster decisions take effect beyond the roster as live ones do: in their order,
 * each disqualification withdraws the subject's support and goes to the outbox for brands
 * (licences) and evaluation (no later assessment), each return to ACTIVE likewise.
 */
async function announceSeededDecisions(manager: EntityManager): Promise<void> {
  const decisions = await manager
    .getRepository(RosterDecision)
    .find({ where: { fromStatus: Not(IsNull()) }, order: { decidedOn: 'ASC', seq: 'ASC' } });
  for (const decision of decisions) {
    const subject =
      decision.subjectType === RosterSubjectType.BASE
        ? await manager.getRepository(Base).findOneByOrFail({ id: decision.subjectId })
        : await manager.getRepository(Institution).findOneByOrFail({ id: decision.subjectId });
    await followDecision(manager, subject, decision);
  }
}
