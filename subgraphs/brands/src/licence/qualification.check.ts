import { In } from 'typeorm';
import { badInput, DomainError, ErrorCode } from '@skills-sichuan/runtime';
import type { RequestContext } from '@skills-sichuan/subgraph-kit';
import type { Brand } from '../brand/brand.entity';
import { UsageQualification } from '../usage/usage-rule.entity';
import { CREDIT_LEVELS, QualificationKind } from '../usage/usage-rule.enums';

interface SubjectFacts {
  status: string;
  latestAssessment: { result: string } | null;
}
interface LicenseeFacts {
  organization: {
    credit: { level: string } | null;
    bases: (SubjectFacts & { brand: { id: string; parent: { id: string } | null } | null })[] | null;
    institutions: (SubjectFacts & { brands: { id: string; parent: { id: string } | null }[] | null })[] | null;
  } | null;
}

const LICENSEE_FACTS = `query LicenseeFacts($id: ID!) {
  organization(id: $id) {
    credit { level }
    bases { status brand { id parent { id } } latestAssessment { result } }
    institutions { status brands { id parent { id } } latestAssessment { result } }
  }
}`;

const unavailable = () =>
  new DomainError(
    ErrorCode.SERVICE_UNAVAILABLE,
    'the licensee’s roster or credit could not be read to check the brand’s qualifications; try again',
  );

/**
 * 使用资格条件 (二(五)): a grant meets every qualification of the brand (and, for a sub-brand,
 * of its public brand) in force on its first day. ROSTER_SUBJECT, MIN_CREDIT_LEVEL and
 * PASSED_LATEST_ASSESSMENT are read from the graph; an ATTESTED one the department checked by
 * hand and names in the grant. Every one unmet is told, with why (QUALIFICATION_NOT_MET).
 */
export async function assertQualified(
  ctx: RequestContext,
  brand: Brand,
  licenseeId: string,
  validFrom: string,
  attested: string[],
): Promise<void> {
  const brandIds = brand.parentId ? [brand.id, brand.parentId] : [brand.id];
  const inForce = (await ctx.db.getRepository(UsageQualification).findBy({ brandId: In(brandIds) })).filter(
    (q) => q.effectiveFrom <= validFrom && (q.withdrawnOn === null || q.withdrawnOn > validFrom),
  );
  const attestable = new Set(inForce.filter((q) => q.kind === QualificationKind.ATTESTED).map((q) => q.id));
  const stray = attested.filter((id) => !attestable.has(id));
  if (stray.length > 0)
    throw badInput(
      `attestedQualificationIds name no ATTESTED qualification of ${brand.name} in force on ${validFrom}: ${stray.join(', ')}`,
      {
        field: 'attestedQualificationIds',
      },
    );
  const machine = inForce.filter((q) => q.kind !== QualificationKind.ATTESTED);
  let facts: LicenseeFacts['organization'] = null;
  if (machine.length > 0) {
    facts = (await ctx.graph!.query<LicenseeFacts>(ctx, LICENSEE_FACTS, { id: licenseeId })).organization;
    if (!facts || facts.bases === null || facts.institutions === null) throw unavailable();
  }
  // the licensee's ACTIVE subjects of this brand or of a sub-brand of it
  const ofBrand = (b: { id: string; parent: { id: string } | null } | null) =>
    b !== null && (b.id === brand.id || b.parent?.id === brand.id);
  const subjects = facts
    ? [
        ...(facts.bases ?? []).filter((s) => s.status === 'ACTIVE' && ofBrand(s.brand)),
        ...(facts.institutions ?? []).filter((s) => s.status === 'ACTIVE' && (s.brands ?? []).some(ofBrand)),
      ]
    : [];
  const unmet: { qualificationId: string; requirement: string; kind: QualificationKind; why: string }[] = [];
  for (const q of inForce) {
    const fail = (why: string) => unmet.push({ qualificationId: q.id, requirement: q.requirement, kind: q.kind, why });
    switch (q.kind) {
      case QualificationKind.ATTESTED:
        if (!attested.includes(q.id)) fail('checked by hand: name it in attestedQualificationIds once the department has');
        break;
      case QualificationKind.ROSTER_SUBJECT:
        if (subjects.length === 0) fail(`the licensee runs no ACTIVE base or institution of ${brand.name}`);
        break;
      case QualificationKind.MIN_CREDIT_LEVEL: {
        const level = facts?.credit?.level;
        if (!level) throw unavailable();
        if (CREDIT_LEVELS.indexOf(level as never) > CREDIT_LEVELS.indexOf(q.minimumCreditLevel!))
          fail(`the licensee's credit level is ${level}, below ${q.minimumCreditLevel}`);
        break;
      }
      case QualificationKind.PASSED_LATEST_ASSESSMENT:
        if (subjects.some((s) => s.latestAssessment?.result === 'FAIL'))
          fail(`a base or institution of ${brand.name} it runs failed its latest assessment`);
        break;
    }
  }
  if (unmet.length > 0)
    throw new DomainError(
      ErrorCode.QUALIFICATION_NOT_MET,
      `the licensee does not meet ${unmet.length} of ${brand.name}'s usage qualifications: ${unmet.map((u) => u.why).join('; ')}`,
      { unmet },
    );
}
