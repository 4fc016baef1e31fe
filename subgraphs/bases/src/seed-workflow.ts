import type { EntityManager } from 'typeorm';
import { addDays, insertMany, Random, type ProgramOptions } from '@skills-sichuan/subgraph-kit';
import { BrandLevel, generateBrands, IndustrySector } from '@skills-sichuan/brands/seed';
import {
  Application,
  ApplicationKind,
  ApplicationStatus,
  ApplicationStep,
  PENDING_STATUSES,
  type Proposal,
} from './application/application.entity';
import { BaseField, BaseProfile } from './base/base.entity';
import { BaseTier, CultivationField } from './base/base.enums';
import { Honour, HonourKind, HonourLevel } from './honour/honour.entity';
import { InstitutionOccupation } from './institution/institution.entity';
import { Contact } from './organization/organization.entity';
import { OrganizationKind } from './organization/organization.enums';
import { RosterAction, RosterDecision, RosterReason, RosterSubjectType } from './roster/roster-decision.entity';
import { RosterStatus } from './roster/roster.enums';
import type { BaseSeed, InstitutionSeed, RosterSeed } from './seed/roster.generator';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '胡', '郭', '何', '罗', '谢'];
const GIVEN = ['建国', '晓燕', '志强', '丽华', '海涛', '春梅', '德明', '玉兰', '文斌', '秀英', '国华', '红梅', '小川', '蜀兰'];
const TITLES = ['办公室主任', '培训部部长', '校长', '副总经理', '项目负责人', '教务处处长'];
const FACILITIES = [
  '实训车间与理实一体化教室，配套完善的实训设备',
  '标准化实训基地及多功能培训楼，设施设备齐全',
  '产教融合实训中心，场地面积充足并配套住宿',
];
const COURSES = [
  '对接国家职业标准的模块化课程体系，覆盖初级工至技师',
  '工学一体化课程体系，理论与实操课时比例合理',
  '以岗位能力为导向的课程体系，配套自编教材与线上资源',
];
const MANAGEMENT = [
  '培训管理、师资管理、学员管理和财务管理制度健全',
  '建立质量监控与学员回访制度，台账规范',
  '组织架构清晰，专人负责品牌培育工作',
];
const EXPLANATION: Record<RosterAction, string> = {
  ADD: '经初审、遴选，符合品牌培育条件，列入培育名单',
  SUSPEND: '培育主体书面说明情况，经审定暂停其品牌培育资格，限期整改',
  REINSTATE: '整改到位，经复核恢复其品牌培育资格',
  REVOKE: '培育主体书面说明情况，经审定取消其品牌培育资格',
  EXIT: '培育主体书面申请退出，经审定同意退出培育名单',
};
const PROVINCE = 'provincial-admin';

const at = (day: string, hour: number) => `${day}T${String(hour).padStart(2, '0')}:00:00.000Z`;

/**
 * The selection workflow and roster history behind the program's roster, and the details a
 * base or institution was selected on: contacts, conditions, fields, occupations, honours,
 * a selected application and an ADD decision for every subject, a later decision for every
 * subject not ACTIVE (and a suspension lifted for a few that are), and pending and rejected
 * applications at every stage. The decisions are the roster generator's changes, with the
 * causes it drew: the failed spot check and the violation the evaluation seed records.
 */
export async function seedWorkflow(manager: EntityManager, options: ProgramOptions, roster: RosterSeed): Promise<void> {
  const brands = generateBrands(options);
  const rng = new Random(options.seed, 'bases-workflow');
  let reference = 0;
  const nextReference = (day: string) => `川人社函〔${day.slice(0, 4)}〕${++reference}号`;
  const brandById = new Map(brands.map((b) => [b.id, b]));
  const organizationById = new Map(roster.organizations.map((o) => [o.id, o]));
  const person = () => rng.pick(SURNAMES) + rng.pick(GIVEN);

  const contacts: Contact[] = roster.organizations.flatMap((o) =>
    Array.from({ length: rng.int(1, 2) }, (_, position) =>
      Object.assign(new Contact(), {
        id: rng.uuid(),
        organizationId: o.id,
        position,
        name: person(),
        title: rng.pick(TITLES),
        phone: `1${rng.pick(['38', '39', '58', '77', '80'])}${String(rng.int(10_000_000, 99_999_999))}`,
        email: rng.chance(0.7) ? `contact${rng.int(100, 999)}@${o.creditCode.slice(8, 16).toLowerCase()}.cn` : null,
      }),
    ),
  );

  const fieldsFor = (brandId: string): CultivationField[] => {
    const sector = brandById.get(brandId)?.sector;
    if (sector === IndustrySector.PRIMARY) return [CultivationField.MODERN_AGRICULTURE, CultivationField.RURAL_REVITALIZATION];
    if (sector === IndustrySector.SECONDARY)
      return rng.chance(0.3)
        ? [CultivationField.ADVANCED_MANUFACTURING, CultivationField.RURAL_REVITALIZATION]
        : [CultivationField.ADVANCED_MANUFACTURING];
    return rng.chance(0.3) ? [CultivationField.MODERN_SERVICES, CultivationField.RURAL_REVITALIZATION] : [CultivationField.MODERN_SERVICES];
  };
  const conditions = () => ({ facilities: rng.pick(FACILITIES), courseSystem: rng.pick(COURSES), managementSystem: rng.pick(MANAGEMENT) });

  const profiles: BaseProfile[] = [];
  const fields: BaseField[] = [];
  const honours: Honour[] = [];
  const occupations: InstitutionOccupation[] = [];
  const applications: Application[] = [];
  const steps: ApplicationStep[] = [];
  const decisions: RosterDecision[] = [];

  const step = (
    application: Application,
    seq: number,
    fromStatus: ApplicationStatus | null,
    toStatus: ApplicationStatus,
    day: string,
    reason: string | null,
  ) => {
    const applicant = fromStatus === null;
    steps.push(
      Object.assign(new ApplicationStep(), {
        id: rng.uuid(),
        applicationId: application.id,
        seq,
        fromStatus,
        toStatus,
        reason,
        at: at(day, 9 + seq),
        actor: applicant ? `city-admin-${application.cityCode}` : PROVINCE,
        actorRole: applicant ? 'CITY_ADMIN' : 'PROVINCIAL_ADMIN',
      }),
    );
  };
  const application = (
    kind: ApplicationKind,
    organizationId: string,
    name: string,
    tier: BaseTier | null,
    proposal: Proposal,
    submittedOn: string,
    status: ApplicationStatus,
  ) => {
    const row = Object.assign(new Application(), {
      id: rng.uuid(),
      kind,
      organizationId,
      cityCode: organizationById.get(organizationId)!.cityCode,
      name,
      tier,
      brandId: kind === ApplicationKind.BASE ? proposal.brandIds[0] : null,
      proposal: JSON.stringify(proposal),
      status,
      submittedOn,
      baseId: null,
      institutionId: null,
    });
    applications.push(row);
    return row;
  };

  /** the application that put a subject on the roster, and its history from the ADD decision on */
  const selected = (subjectType: RosterSubjectType, subject: BaseSeed | InstitutionSeed, row: Application) => {
    const submitted = addDays(subject.designatedOn, -rng.int(50, 90));
    Object.assign(
      row,
      { submittedOn: submitted, status: ApplicationStatus.SELECTED },
      subjectType === RosterSubjectType.BASE ? { baseId: subject.id } : { institutionId: subject.id },
    );
    const ref = nextReference(subject.designatedOn);
    step(row, 1, null, ApplicationStatus.SUBMITTED, submitted, '按通知要求申报');
    step(
      row,
      2,
      ApplicationStatus.SUBMITTED,
      ApplicationStatus.PRELIMINARY_REVIEW,
      addDays(submitted, rng.int(10, 25)),
      '材料齐全，符合申报条件，通过初审',
    );
    step(
      row,
      3,
      ApplicationStatus.PRELIMINARY_REVIEW,
      ApplicationStatus.SELECTED,
      subject.designatedOn,
      `${ref}: 综合考虑产业布局、品牌特色和市场需求，予以遴选`,
    );
    const history: RosterDecision[] = [];
    const decide = (
      action: RosterAction,
      fromStatus: RosterStatus | null,
      toStatus: RosterStatus,
      decidedOn: string,
      reason: RosterReason | null,
      causes: Pick<RosterDecision, 'causeAssessmentId' | 'causeCreditEventId'> = { causeAssessmentId: null, causeCreditEventId: null },
    ) => {
      history.push(
        Object.assign(new RosterDecision(), {
          id: rng.uuid(),
          subjectType,
          subjectId: subject.id,
          seq: history.length + 1,
          action,
          fromStatus,
          toStatus,
          reason,
          explanation: EXPLANATION[action],
          decisionReference: action === RosterAction.ADD ? ref : nextReference(decidedOn),
          decidedOn,
          decidedBy: PROVINCE,
          recordedAt: at(decidedOn, 16),
          ...causes,
        }),
      );
    };
    decide(RosterAction.ADD, null, RosterStatus.ACTIVE, subject.designatedOn, null);
    subject.changes.forEach((change, i) =>
      decide(
        RosterAction[change.action],
        i === 0 ? RosterStatus.ACTIVE : subject.changes[i - 1].toStatus,
        change.toStatus,
        change.decidedOn,
        change.reason && RosterReason[change.reason],
        { causeAssessmentId: change.causeAssessment?.id ?? null, causeCreditEventId: change.causeCreditEvent?.id ?? null },
      ),
    );
    decisions.push(...history);
  };

  for (const base of roster.bases) {
    const proposal: Proposal = { brandIds: [base.brandId], conditions: conditions(), fields: fieldsFor(base.brandId).sort() };
    profiles.push(Object.assign(new BaseProfile(), { baseId: base.id, ...proposal.conditions }));
    fields.push(...proposal.fields!.map((field) => Object.assign(new BaseField(), { baseId: base.id, field })));
    // 要素保障: main bases first toward national titles, auxiliary bases toward provincial ones
    const level = base.tier === BaseTier.MAIN ? HonourLevel.NATIONAL : HonourLevel.PROVINCIAL;
    // honoured in a year it was on the roster: from its designation to its first suspension or removal
    const lastYear = Math.min(2025, Number((base.changes[0]?.decidedOn ?? '2025').slice(0, 4)));
    for (const kind of Object.values(HonourKind)) {
      if (!rng.chance(base.tier === BaseTier.MAIN ? 0.35 : 0.15)) continue;
      const name =
        kind === HonourKind.MASTER_STUDIO
          ? `${person()}技能大师工作室`
          : `${level === HonourLevel.NATIONAL ? '国家级' : '省级'}${kind === HonourKind.HIGH_SKILL_TRAINING_BASE ? '高技能人才培训基地' : '竞赛集训基地'}`;
      honours.push(
        Object.assign(new Honour(), {
          id: rng.uuid(),
          baseId: base.id,
          kind,
          level,
          year: rng.int(Number(base.designatedOn.slice(0, 4)), lastYear),
          name,
        }),
      );
    }
    selected(
      RosterSubjectType.BASE,
      base,
      application(ApplicationKind.BASE, base.operatorId, base.name, base.tier, proposal, base.designatedOn, ApplicationStatus.SELECTED),
    );
  }
  for (const institution of roster.institutions) {
    const pool = [...new Set(institution.brandIds.flatMap((id) => brandById.get(id)?.occupations ?? []))];
    const chosen = rng
      .shuffled(pool)
      .slice(0, rng.int(1, Math.min(3, pool.length)))
      .sort();
    occupations.push(
      ...chosen.map((occupation) => Object.assign(new InstitutionOccupation(), { institutionId: institution.id, occupation })),
    );
    const proposal: Proposal = { brandIds: institution.brandIds, services: [...institution.services].sort(), occupations: chosen };
    selected(
      RosterSubjectType.INSTITUTION,
      institution,
      application(
        ApplicationKind.INSTITUTION,
        institution.organizationId,
        institution.name,
        null,
        proposal,
        institution.designatedOn,
        ApplicationStatus.SELECTED,
      ),
    );
  }

  // applications still under way or refused: auxiliary bases proposed by organisations already on the roster
  const publicBrands = brands.filter((b) => b.level === BrandLevel.PUBLIC_BRAND);
  const applicants = roster.organizations.filter((o) => o.kind !== OrganizationKind.CITY_BUREAU);
  const perStage = Math.max(2, Math.round(12 * options.scale));
  const stages: [ApplicationStatus, ApplicationStatus[]][] = [
    [ApplicationStatus.SUBMITTED, []],
    [ApplicationStatus.PRELIMINARY_REVIEW, [ApplicationStatus.PRELIMINARY_REVIEW]],
    [ApplicationStatus.REJECTED, [ApplicationStatus.REJECTED]],
    [ApplicationStatus.REJECTED, [ApplicationStatus.PRELIMINARY_REVIEW, ApplicationStatus.REJECTED]],
  ];
  // one pending application per organisation, brand and tier (uq_application_pending): a pair already pending is drawn again
  const pending = new Set<string>();
  for (const [status, moves] of stages) {
    for (let i = 0; i < perStage; i++) {
      let organization = rng.pick(applicants);
      let brand = rng.pick(publicBrands);
      if (PENDING_STATUSES.includes(status)) {
        while (pending.has(`${organization.id}|${brand.id}`)) {
          organization = rng.pick(applicants);
          brand = rng.pick(publicBrands);
        }
        pending.add(`${organization.id}|${brand.id}`);
      }
      const submitted = rng.date('2025-09-01', '2025-11-15');
      const row = application(
        ApplicationKind.BASE,
        organization.id,
        `${brand.name}培育辅基地（${organization.name}）`,
        BaseTier.AUXILIARY,
        { brandIds: [brand.id], conditions: conditions(), fields: fieldsFor(brand.id).sort() },
        submitted,
        status,
      );
      step(row, 1, null, ApplicationStatus.SUBMITTED, submitted, '按通知要求申报');
      let from = ApplicationStatus.SUBMITTED;
      moves.forEach((to, k) => {
        const reason =
          to === ApplicationStatus.PRELIMINARY_REVIEW
            ? '材料齐全，通过初审'
            : from === ApplicationStatus.SUBMITTED
              ? '实训场地不满足申报条件，初审未通过'
              : '同一领域培育主体已饱和，未予遴选';
        step(row, k + 2, from, to, addDays(submitted, 15 * (k + 1)), reason);
        from = to;
      });
    }
  }

  await insertMany(manager, Contact, contacts);
  await insertMany(manager, BaseProfile, profiles);
  await insertMany(manager, BaseField, fields);
  await insertMany(manager, Honour, honours);
  await insertMany(manager, InstitutionOccupation, occupations);
  await insertMany(manager, Application, applications);
  await insertMany(manager, ApplicationStep, steps);
  await insertMany(manager, RosterDecision, decisions);
}
