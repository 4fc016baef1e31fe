import { Brackets } from 'typeorm';
import { badInput } from '@skills-sichuan/runtime';
import { checkCityCode, checkId, checkYear, MAX_PAGE_SIZE, paginate, type Page, type RequestContext } from '@skills-sichuan/subgraph-kit';
import type { SubjectType } from '../subject/subject.enums';
import { Assessment } from './assessment.entity';
import { seesUnpublished } from './assessment.loader';
import { AssessmentScore, SCORE_COLUMN, type AssessmentFilter, type AssessmentsArgs } from './assessment-list.input';

function checkBound(name: 'minScore' | 'maxScore', value: number | null | undefined): void {
  if (value != null && !(Number.isFinite(value) && value >= 0 && value <= 100))
    throw badInput(`filter.${name} must be from 0 to 100, got ${value}`, { field: `filter.${name}` });
}

/** Refuses a filter that is malformed or can match nothing by construction. */
function checkFilter(filter: AssessmentFilter): void {
  checkYear(filter.year);
  checkCityCode(filter.cityCode);
  checkId(filter.brandId, 'filter.brandId');
  checkBound('minScore', filter.minScore);
  checkBound('maxScore', filter.maxScore);
  if (filter.minScore != null && filter.maxScore != null && filter.minScore >= filter.maxScore)
    throw badInput(`filter.minScore (${filter.minScore}) must be below filter.maxScore (${filter.maxScore})`, { field: 'filter.minScore' });
}

type Subjects = Record<SubjectType, string[]>;

interface BrandSubjects {
  brand: {
    bases: { id: string }[] | null;
    institutions: { id: string; city: { code: string } }[] | null;
    subBrands: { institutions: { id: string; city: { code: string } }[] | null }[];
  } | null;
}

interface ListPage {
  nodes: { id: string }[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

/**
 * The bases and institutions a brand or city filter means, asked of the graph: the bases
 * subgraph owns who is whose brand and where, and evaluation knows its subjects by id only.
 * A brand: its bases (Brand.bases, sub-brands' too unless not wanted) and the institutions
 * serving it or, with sub-brands, any of them — one query. A city alone: its bases and
 * institutions, MAX_PAGE_SIZE to a page (one query for a city of up to 500 of each).
 */
async function subjectsOf(ctx: RequestContext, filter: AssessmentFilter): Promise<Subjects> {
  const graph = ctx.graph;
  if (!graph) throw new Error('filtering assessments by brand or city needs a request context that can read the graph');
  const { cityCode } = filter;
  if (filter.brandId) {
    const withSubBrands = filter.includeSubBrands !== false;
    const { brand } = await graph.query<BrandSubjects>(
      ctx,
      `query AssessedSubjectsOfBrand($id: ID!, $cityCode: String, $withSubBrands: Boolean!) {
        brand(id: $id) {
          bases(cityCode: $cityCode, includeSubBrands: $withSubBrands) { id }
          institutions { id city { code } }
          subBrands @include(if: $withSubBrands) { institutions { id city { code } } }
        }
      }`,
      { id: filter.brandId, cityCode: cityCode ?? null, withSubBrands },
    );
    if (!brand) return { Base: [], Institution: [] };
    const institutions = [...(brand.institutions ?? []), ...(brand.subBrands ?? []).flatMap((s) => s.institutions ?? [])];
    return {
      Base: (brand.bases ?? []).map((b) => b.id),
      Institution: [...new Set(institutions.filter((i) => !cityCode || i.city.code === cityCode).map((i) => i.id))],
    };
  }
  const subjects: Subjects = { Base: [], Institution: [] };
  let after: Record<'bases' | 'institutions', string | null> = { bases: null, institutions: null };
  let more = { bases: true, institutions: true };
  while (more.bases || more.institutions) {
    const answer = await graph.query<Partial<Record<'bases' | 'institutions', ListPage>>>(
      ctx,
      `query AssessedSubjectsInCity($cityCode: String!, $first: Int!, $afterBase: String, $afterInstitution: String, $bases: Boolean!, $institutions: Boolean!) {
        bases(filter: { cityCode: $cityCode }, first: $first, after: $afterBase) @include(if: $bases) { nodes { id } pageInfo { endCursor hasNextPage } }
        institutions(filter: { cityCode: $cityCode }, first: $first, after: $afterInstitution) @include(if: $institutions) { nodes { id } pageInfo { endCursor hasNextPage } }
      }`,
      {
        cityCode,
        first: MAX_PAGE_SIZE,
        afterBase: after.bases,
        afterInstitution: after.institutions,
        bases: more.bases,
        institutions: more.institutions,
      },
    );
    const next = { ...more };
    for (const [list, type] of [
      ['bases', 'Base'],
      ['institutions', 'Institution'],
    ] as const) {
      const page = answer[list];
      if (!more[list] || !page) continue;
      subjects[type].push(...page.nodes.map((n) => n.id));
      next[list] = page.pageInfo.hasNextPage;
      after = { ...after, [list]: page.pageInfo.endCursor };
    }
    more = next;
  }
  return subjects;
}

/** Query.assessments: a page of the assessments the viewer may see, newest year first. */
export async function listAssessments(ctx: RequestContext, { filter: given, ...page }: AssessmentsArgs): Promise<Page<Assessment>> {
  const filter = given ?? {};
  checkFilter(filter);
  const query = ctx.db.getRepository(Assessment).createQueryBuilder('a');
  // before publication (公示) only assessors and the province see an assessment
  if (!seesUnpublished(ctx)) query.andWhere('a.published_on IS NOT NULL');
  if (filter.year != null) query.andWhere('a.year = :year', { year: filter.year });
  if (filter.result) query.andWhere('a.result = :result', { result: filter.result });
  if (filter.subjectType) query.andWhere('a.subject_type = :subjectType', { subjectType: filter.subjectType });
  const score = SCORE_COLUMN[filter.score ?? AssessmentScore.QUALITY];
  if (filter.minScore != null) query.andWhere(`${score} >= :minScore`, { minScore: filter.minScore });
  if (filter.maxScore != null) query.andWhere(`${score} < :maxScore`, { maxScore: filter.maxScore });
  if (filter.brandId || filter.cityCode) {
    const subjects = await subjectsOf(ctx, filter);
    query.andWhere(
      new Brackets((either) => {
        either.where('1 = 0');
        for (const type of ['Base', 'Institution'] as const)
          if (subjects[type].length)
            either.orWhere(`(a.subject_type = :${type}Type AND a.subject_id IN (:...${type}Ids))`, {
              [`${type}Type`]: type,
              [`${type}Ids`]: subjects[type],
            });
      }),
    );
  }
  return paginate(
    query,
    [
      { column: 'a.year', property: 'year', direction: 'DESC' },
      { column: 'a.assessed_on', property: 'assessedOn', direction: 'DESC' },
      { column: 'a.id', property: 'id', direction: 'ASC' },
    ],
    page,
    { toOneJoins: true },
  );
}
