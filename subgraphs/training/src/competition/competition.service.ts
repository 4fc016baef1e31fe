import { randomUUID } from 'node:crypto';
import { badInput, conflict, constraintViolated, notFound } from '@skills-sichuan/runtime';
import {
  checkCityCode,
  checkYear,
  paginate,
  type Page,
  type PageArgs,
  type RequestContext,
  requireText,
  yearSpan,
  checkCount,
  checkPeriod,
} from '@skills-sichuan/subgraph-kit';
import { assertBrandsExist } from '../brand/brand.service';
import { assertMayActFor, hosting } from '../provider/provider.service';
import { Competition, CompetitionResult } from './competition.entity';
import type { CompetitionFilterArgs, CompetitionResultInput, RegisterCompetitionInput } from './competition.input';

export function findCompetition(ctx: RequestContext, id: string): Promise<Competition | null> {
  return ctx.db.getRepository(Competition).findOneBy({ id });
}

export async function registerCompetition(ctx: RequestContext, input: RegisterCompetitionInput): Promise<Competition> {
  const name = requireText(input.name, 'name', 1, 200);
  const occupation = requireText(input.occupation, 'occupation', 1, 60);
  checkCount('participants', input.participants, 0, 1_000_000);
  checkPeriod(input.startOn, input.endOn);
  const host = await hosting(ctx, input, 'registerCompetition');
  await assertBrandsExist(ctx, [input.brandId]);
  const competition = Object.assign(new Competition(), {
    id: randomUUID(),
    name,
    level: input.level,
    brandId: input.brandId,
    occupation,
    ...host,
    startOn: input.startOn,
    endOn: input.endOn,
    participants: input.participants,
  });
  await ctx.db.getRepository(Competition).insert(competition);
  return competition;
}

/** Adds published results; ranks are unique within a competition. */
export async function recordCompetitionResults(
  ctx: RequestContext,
  competitionId: string,
  results: CompetitionResultInput[],
): Promise<Competition> {
  if (results.length === 0 || results.length > 1000) throw badInput('results must hold 1 to 1000 places');
  const competition = await ctx.db.getRepository(Competition).findOneBy({ id: competitionId });
  if (!competition) throw notFound(`no competition has id ${competitionId}`);
  assertMayActFor(ctx, { organizationId: competition.organizerOrganizationId, cityCode: competition.cityCode }, 'recordCompetitionResults');
  const ranks = new Set<number>();
  const rows = results.map((r, i) => {
    checkCount(`results[${i}].rank`, r.rank, 1, 100_000);
    if (ranks.has(r.rank)) throw badInput(`results[${i}].rank ${r.rank} is given twice`, { field: `results[${i}].rank` });
    ranks.add(r.rank);
    return Object.assign(new CompetitionResult(), {
      id: randomUUID(),
      competitionId,
      rank: r.rank,
      award: r.award ?? null,
      contestantName: requireText(r.contestantName, `results[${i}].contestantName`, 1, 40),
      representing: requireText(r.representing, `results[${i}].representing`, 1, 200),
    });
  });
  try {
    await ctx.db.transaction((manager) => manager.getRepository(CompetitionResult).insert(rows));
  } catch (err) {
    if (constraintViolated(err) === 'unique') throw conflict('a rank given is already in the competition’s results');
    throw err;
  }
  return competition;
}

export function listCompetitions(ctx: RequestContext, filter: CompetitionFilterArgs, page: PageArgs): Promise<Page<Competition>> {
  checkCityCode(filter.cityCode);
  checkYear(filter.year);
  const query = ctx.db.getRepository(Competition).createQueryBuilder('c');
  if (filter.brandId) query.andWhere('c.brand_id = :brandId', { brandId: filter.brandId });
  if (filter.level) query.andWhere('c.level = :level', { level: filter.level });
  if (filter.cityCode) query.andWhere('c.city_code = :cityCode', { cityCode: filter.cityCode });
  if (filter.year != null) query.andWhere('c.start_on BETWEEN :first AND :last', yearSpan(filter.year));
  return paginate(
    query,
    [
      { column: 'c.start_on', property: 'startOn', direction: 'DESC' },
      { column: 'c.id', property: 'id', direction: 'ASC' },
    ],
    page,
  );
}
