import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLInputType,
  type IntrospectionQuery,
  buildClientSchema,
  getIntrospectionQuery,
  type GraphQLSchema,
} from 'graphql';
import { type ViewerClaims } from '@skills-sichuan/runtime';
import { generateProgram } from './program';
import { startGraph, TEST_PROGRAM, type Graph } from './graph';

type RoleName = 'PUBLIC' | 'PARTNER' | 'ASSESSOR' | 'BASE_OPERATOR' | 'CITY_ADMIN' | 'PROVINCIAL_ADMIN';
const ROLES: RoleName[] = ['PUBLIC', 'PARTNER', 'ASSESSOR', 'BASE_OPERATOR', 'CITY_ADMIN', 'PROVINCIAL_ADMIN'];
const EVERYONE = ROLES;

/**
 * Who may call each mutation (DOMAIN.md "Roles"). PROVINCIAL_ADMIN may do everything.
 * A mutation missing here fails the test: every new mutation states who may call it.
 */
const MUTATIONS: Record<string, RoleName[]> = {
  // bases: the roster and its selection workflow
  submitApplication: ['CITY_ADMIN', 'BASE_OPERATOR', 'PROVINCIAL_ADMIN'],
  passPreliminaryReview: ['PROVINCIAL_ADMIN'],
  selectApplication: ['PROVINCIAL_ADMIN'],
  rejectApplication: ['PROVINCIAL_ADMIN'],
  awardHonour: ['PROVINCIAL_ADMIN'],
  registerOrganization: ['CITY_ADMIN', 'PROVINCIAL_ADMIN'],
  // 更正: whoever may read the contacts / manages the base (its operator, its city's bureau, the province)
  correctContacts: ['CITY_ADMIN', 'BASE_OPERATOR', 'PROVINCIAL_ADMIN'],
  correctBaseConditions: ['CITY_ADMIN', 'BASE_OPERATOR', 'PROVINCIAL_ADMIN'],
  adjustRoster: ['PROVINCIAL_ADMIN'],
  grantSupport: ['PROVINCIAL_ADMIN'],
  // 书面说明 by the subject itself, 审定 by the department
  submitRosterStatement: ['BASE_OPERATOR', 'PROVINCIAL_ADMIN'],
  reviewRosterStatement: ['PROVINCIAL_ADMIN'],
  // 抽查复核: the department draws the year's sample
  drawSpotCheckSample: ['PROVINCIAL_ADMIN'],
  // brands & standards
  createSubBrand: ['PROVINCIAL_ADMIN'],
  setTrainingTarget: ['PROVINCIAL_ADMIN'],
  reviseBrandElement: ['PROVINCIAL_ADMIN'],
  fileInfringementReport: ['PROVINCIAL_ADMIN'],
  startInfringementInvestigation: ['PROVINCIAL_ADMIN'],
  concludeInfringementReport: ['PROVINCIAL_ADMIN'],
  fileIpRegistration: ['PROVINCIAL_ADMIN'],
  changeIpRegistrationStatus: ['PROVINCIAL_ADMIN'],
  grantUsageLicence: ['PROVINCIAL_ADMIN'],
  revokeUsageLicence: ['PROVINCIAL_ADMIN'],
  draftStandard: ['PROVINCIAL_ADMIN'],
  reviseStandard: ['PROVINCIAL_ADMIN'],
  changeStandardStatus: ['PROVINCIAL_ADMIN'],
  addUsageQualification: ['PROVINCIAL_ADMIN'],
  withdrawUsageQualification: ['PROVINCIAL_ADMIN'],
  addClusterUsageStandard: ['PROVINCIAL_ADMIN'],
  // evaluation & credit
  recordAssessment: ['ASSESSOR', 'PROVINCIAL_ADMIN'],
  publishAssessment: ['ASSESSOR', 'PROVINCIAL_ADMIN'],
  moderateFeedback: ['ASSESSOR', 'PROVINCIAL_ADMIN'],
  // public opinion (群众评价) is the public's; a partner's token reads, it does not act (docs/partners.md)
  submitFeedback: EVERYONE.filter((role) => role !== 'PARTNER'),
  recordCreditEvent: ['PROVINCIAL_ADMIN'],
  signCreditCommitment: ['BASE_OPERATOR', 'PROVINCIAL_ADMIN'],
  openInvestigation: ['PROVINCIAL_ADMIN'],
  closeInvestigation: ['PROVINCIAL_ADMIN'],
  submitProgressReport: ['BASE_OPERATOR', 'PROVINCIAL_ADMIN'],
  requestProgressReports: ['PROVINCIAL_ADMIN'],
  // training & competitions
  registerTrainingProgram: ['BASE_OPERATOR', 'CITY_ADMIN', 'PROVINCIAL_ADMIN'],
  changeTrainingProgramStatus: ['BASE_OPERATOR', 'CITY_ADMIN', 'PROVINCIAL_ADMIN'],
  // not CITY_ADMIN: writing by identity number is for who may read the numbers (issue 12, finding 5)
  recordTraining: ['BASE_OPERATOR', 'PROVINCIAL_ADMIN'],
  updateTrainingOutcome: ['BASE_OPERATOR', 'CITY_ADMIN', 'PROVINCIAL_ADMIN'],
  // not CITY_ADMIN: writing by identity number is for who may read the numbers (issue 12, finding 5)
  importTrainingRecords: ['BASE_OPERATOR', 'PROVINCIAL_ADMIN'],
  registerCompetition: ['BASE_OPERATOR', 'CITY_ADMIN', 'PROVINCIAL_ADMIN'],
  recordCompetitionResults: ['BASE_OPERATOR', 'CITY_ADMIN', 'PROVINCIAL_ADMIN'],
  recordPromotionEvent: ['BASE_OPERATOR', 'CITY_ADMIN', 'PROVINCIAL_ADMIN'],
  publishTypicalCase: ['PROVINCIAL_ADMIN'],
  // the partner registry (the gateway's own subgraph); a partner publishes its own schema only, which needs a partner in the graph
  checkPartner: ['PROVINCIAL_ADMIN'],
  addPartner: ['PROVINCIAL_ADMIN'],
  publishPartnerSchema: ['PROVINCIAL_ADMIN'],
  removePartner: ['PROVINCIAL_ADMIN'],
  registerClientOperations: ['PROVINCIAL_ADMIN'],
};

const UNKNOWN_ID = '00000000-0000-4000-8000-00000000abcd';

/** The smallest value of an input type that passes GraphQL validation (the service may then refuse it). */
function sample(type: GraphQLInputType): unknown {
  const nullable = getNullableType(type) as GraphQLInputType;
  if (isListType(nullable)) return [sample(nullable.ofType)];
  if (isEnumType(nullable)) return nullable.getValues()[0].value;
  if (isInputObjectType(nullable)) {
    return Object.fromEntries(
      Object.values(nullable.getFields())
        .filter((f) => isNonNullType(f.type))
        .map((f) => [f.name, sample(f.type)]),
    );
  }
  if (isScalarType(nullable)) {
    return (
      ({ ID: UNKNOWN_ID, String: 'x', Int: 1, Float: 1, Boolean: true, Date: '2026-01-01' } as Record<string, unknown>)[nullable.name] ??
      'x'
    );
  }
  throw new Error(`no sample for ${String(type)}`);
}

function operationFor(schema: GraphQLSchema, name: string): { query: string; variables: Record<string, unknown> } {
  const field = schema.getMutationType()!.getFields()[name];
  const required = field.args.filter((a) => isNonNullType(a.type));
  const declarations = required.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const args = required.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = isScalarType(getNamedType(field.type)) || isEnumType(getNamedType(field.type)) ? '' : ' { __typename }';
  return {
    query: `mutation${declarations ? ` (${declarations})` : ''} { ${name}${args ? `(${args})` : ''}${selection} }`,
    variables: Object.fromEntries(required.map((a) => [a.name, sample(a.type)])),
  };
}

/** Refused for the role itself — not for the input, the jurisdiction or the state of a record. */
function refusedForRole(error: { extensions?: Record<string, unknown> } | undefined): boolean {
  const code = error?.extensions?.code;
  return code === 'UNAUTHENTICATED' || (code === 'FORBIDDEN' && error?.extensions?.reason === 'ROLE');
}

/** Every role against every mutation and every protected read: allowed or refused exactly as specified. */
describe('the authorization matrix', () => {
  let graph: Graph;
  let schema: GraphQLSchema;
  const program = generateProgram(TEST_PROGRAM);
  const operator = program.organizations.find((o) => program.bases.some((b) => b.operatorId === o.id && b.status === 'ACTIVE'))!;
  const viewers: Record<RoleName, ViewerClaims | undefined> = {
    PUBLIC: undefined,
    // a partner's token names the partner it speaks for; this one is in no registry, so it reads nothing at all
    PARTNER: { role: 'PARTNER', sub: 'partner-agency', partner: 'partner-agency' } as ViewerClaims,
    ASSESSOR: { role: 'ASSESSOR', sub: 'assessor' } as ViewerClaims,
    BASE_OPERATOR: { role: 'BASE_OPERATOR', sub: 'operator', org: operator.id } as ViewerClaims,
    CITY_ADMIN: { role: 'CITY_ADMIN', sub: 'city-admin', city: operator.cityCode } as ViewerClaims,
    PROVINCIAL_ADMIN: { role: 'PROVINCIAL_ADMIN', sub: 'dept-admin' } as ViewerClaims,
  };
  const pairs: string[] = [];

  beforeAll(async () => {
    graph = await startGraph();
    const { body } = await graph.query<IntrospectionQuery>(getIntrospectionQuery());
    schema = buildClientSchema(body.data!);
  });
  afterAll(() => graph?.stop());

  it('states who may call every mutation the graph has', () => {
    expect(Object.keys(schema.getMutationType()!.getFields()).sort()).toEqual(Object.keys(MUTATIONS).sort());
  });

  describe.each(Object.entries(MUTATIONS))('%s', (name, allowed) => {
    it.each(ROLES)('as %s', async (role) => {
      const { query, variables } = operationFor(schema, name);
      const { status, body } = await graph.query(query, variables, viewers[role]);
      expect(status).toBeLessThan(500);
      const error = body.errors?.[0];
      if (allowed.includes(role)) {
        expect(refusedForRole(error)).toBe(false);
      } else {
        expect(refusedForRole(error)).toBe(true);
        expect(body.data?.[name] ?? null).toBeNull();
        expect(error?.extensions?.code).toBe(role === 'PUBLIC' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
      }
      pairs.push(`${name}:${role}`);
    });
  });

  /** Reads that not everyone may make: a query (or field) per row, the roles that get it, and what the others get. */
  const READS: { name: string; query: (ids: Record<string, string>) => string; allowed: RoleName[]; others: 'refused' | 'filtered' }[] = [
    {
      name: 'applications',
      query: () => '{ applications(first: 5) { totalCount } }',
      allowed: ['CITY_ADMIN', 'BASE_OPERATOR', 'PROVINCIAL_ADMIN'],
      others: 'refused',
    },
    {
      name: 'infringementReports',
      query: () => '{ infringementReports(first: 5) { totalCount } }',
      allowed: ['CITY_ADMIN', 'PROVINCIAL_ADMIN'],
      others: 'refused',
    },
    {
      name: 'Brand.infringementCounts',
      query: () => '{ brand(code: "NEW_FARMER") { infringementCounts { count } } }',
      allowed: ['CITY_ADMIN', 'PROVINCIAL_ADMIN'],
      others: 'refused',
    },
    {
      name: 'trainingRecords',
      query: () => '{ trainingRecords(first: 5) { totalCount } }',
      allowed: ['CITY_ADMIN', 'BASE_OPERATOR', 'PROVINCIAL_ADMIN'],
      others: 'refused',
    },
    {
      name: 'progressReports',
      query: () => '{ progressReports(first: 5) { totalCount } }',
      allowed: ['CITY_ADMIN', 'BASE_OPERATOR', 'ASSESSOR', 'PROVINCIAL_ADMIN'],
      others: 'refused',
    },
    {
      name: 'feedbackQueue',
      query: () => '{ feedbackQueue(first: 5) { totalCount } }',
      allowed: ['ASSESSOR', 'PROVINCIAL_ADMIN'],
      others: 'refused',
    },
    {
      name: 'flaggedSubjects',
      query: () => '{ flaggedSubjects { reasons } }',
      allowed: ['ASSESSOR', 'PROVINCIAL_ADMIN'],
      others: 'refused',
    },
    {
      name: 'Organization.contacts',
      query: (ids) => `{ organization(id: "${ids.operator}") { contacts { name } } }`,
      allowed: ['CITY_ADMIN', 'BASE_OPERATOR', 'PROVINCIAL_ADMIN'],
      others: 'refused',
    },
    {
      name: 'Organization.contactHistory',
      query: (ids) => `{ organization(id: "${ids.operator}") { contactHistory { seq } } }`,
      allowed: ['CITY_ADMIN', 'BASE_OPERATOR', 'PROVINCIAL_ADMIN'],
      others: 'refused',
    },
    {
      name: 'Organization.investigations',
      query: (ids) => `{ organization(id: "${ids.operator}") { investigations { id } } }`,
      allowed: ['ASSESSOR', 'CITY_ADMIN', 'BASE_OPERATOR', 'PROVINCIAL_ADMIN'],
      others: 'refused',
    },
    {
      name: 'Assessment.findings',
      query: (ids) => `{ base(id: "${ids.base}") { assessments { findings } } }`,
      allowed: ['ASSESSOR', 'PROVINCIAL_ADMIN'],
      others: 'refused',
    },
    {
      name: 'RosterDecision.decidedBy',
      query: (ids) => `{ base(id: "${ids.base}") { rosterHistory { decidedBy } } }`,
      allowed: ['PROVINCIAL_ADMIN'],
      others: 'refused',
    },
    {
      name: 'rosterStatements',
      query: () => '{ rosterStatements { id } }',
      allowed: ['ASSESSOR', 'CITY_ADMIN', 'BASE_OPERATOR', 'PROVINCIAL_ADMIN'],
      others: 'refused',
    },
    {
      // a spot check known beforehand to the subjects (or their city) checks nothing
      name: 'spotCheckSamples',
      query: () => '{ spotCheckSamples { year } }',
      allowed: ['ASSESSOR', 'PROVINCIAL_ADMIN'],
      others: 'refused',
    },
    {
      name: 'standards(status: DRAFT)',
      query: () => '{ standards(status: DRAFT) { code } }',
      allowed: ['PROVINCIAL_ADMIN'],
      others: 'refused',
    },
  ];

  describe.each(READS.map((r) => [r.name, r] as const))('reading %s', (_name, read) => {
    it.each(ROLES)('as %s', async (role) => {
      const base = program.bases.find((b) => b.operatorId === operator.id && b.status === 'ACTIVE')!;
      const { status, body } = await graph.query(read.query({ operator: operator.id, base: base.id }), {}, viewers[role]);
      expect(status).toBeLessThan(500);
      const error = body.errors?.[0];
      if (read.allowed.includes(role)) {
        expect(error).toBeUndefined();
      } else {
        expect(error?.extensions?.code).toBe(role === 'PUBLIC' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
      }
      pairs.push(`${read.name}:${role}`);
    });
  });

  it('tried every pair', () => {
    expect(pairs).toHaveLength((Object.keys(MUTATIONS).length + READS.length) * ROLES.length);
  });
});
