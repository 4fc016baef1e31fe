import { randomBytes, randomUUID } from 'node:crypto';
import { In, type EntityManager } from 'typeorm';
import { badInput, conflict, DomainError, ErrorCode, exactlyOne } from '@skills-sichuan/runtime';
import { readByIds, todayInChina, type RequestContext } from '@skills-sichuan/subgraph-kit';
import { Base } from '../base/base.entity';
import { Institution, InstitutionBrand } from '../institution/institution.entity';
import { RosterSubjectType } from '../roster/roster-decision.entity';
import { RosterStatus } from '../roster/roster.enums';
import { inTransaction } from '../writes';
import { drawSpotCheck, sampleSize, SPOT_CHECK_ALGORITHM, type RosterEntry } from './spot-check.draw';
import { SpotCheckMember, SpotCheckSample, SpotCheckStratum } from './spot-check.entity';
import type { DrawSpotCheckSampleInput } from './spot-check.input';

/**
 * The years the plan's annual spot checks (每年组织抽查复核) cover: the plan was issued on
 * 2023-12-15 and its targets fall due on 2025-12-31, so 2024 and 2025 are its years of
 * cultivation (nothing was selected yet in the last fortnight of 2023).
 */
export const SPOT_CHECK_YEARS = { first: 2024, last: 2025 } as const;

/** a seed an auditor can read out and retype */
const SEED = /^[A-Za-z0-9._:-]{1,64}$/;

/** rows one INSERT carries: far under SQLite's and PostgreSQL's bound-parameter limits */
const INSERT_CHUNK = 500;

const alreadyDrawn = (sample: Pick<SpotCheckSample, 'year' | 'drawnAt'>) =>
  conflict(`the spot-check sample for ${sample.year} was drawn at ${sample.drawnAt}: one sample per year`, {
    reason: 'ALREADY_DRAWN',
    year: sample.year,
  });

/** Refuses a draw the input cannot make, before anything is read: the year, rate or size (exactly one) and seed. */
export function checkDrawInput(input: DrawSpotCheckSampleInput, today = todayInChina()): { seed: string | null } {
  const { first, last } = SPOT_CHECK_YEARS;
  if (!Number.isInteger(input.year) || input.year < first || input.year > last)
    throw badInput(`year must be a year of the plan, ${first}–${last}, got ${input.year}`, { field: 'year' });
  if (input.year > Number(today.slice(0, 4)))
    throw badInput(`the sample for ${input.year} is drawn in ${input.year} or later, not before`, { field: 'year' });
  exactlyOne({ rate: input.rate, size: input.size }, 'drawSpotCheckSample');
  if (input.rate != null && !(input.rate > 0 && input.rate <= 1))
    throw badInput(`rate must be above 0 and at most 1, got ${input.rate}`, { field: 'rate' });
  if (input.size != null && !(Number.isInteger(input.size) && input.size >= 1))
    throw badInput(`size must be a whole number of at least 1, got ${input.size}`, { field: 'size' });
  if (input.seed != null && !SEED.test(input.seed)) throw badInput('seed must be 1–64 letters, digits or . _ : -', { field: 'seed' });
  return { seed: input.seed ?? null };
}

/**
 * The bases and institutions ACTIVE now, each under its public brand. The brand hierarchy
 * is the brands subgraph's, read through the graph: a brand it does not resolve stands as
 * its own stratum rather than leave its subjects out of the draw.
 */
export async function activeRoster(ctx: RequestContext): Promise<RosterEntry[]> {
  const bases = await ctx.db.getRepository(Base).find({ select: { id: true, brandId: true }, where: { status: RosterStatus.ACTIVE } });
  const institutions = await ctx.db.getRepository(Institution).find({ select: { id: true }, where: { status: RosterStatus.ACTIVE } });
  const served = institutions.length
    ? await ctx.db.getRepository(InstitutionBrand).findBy({ institutionId: In(institutions.map((i) => i.id)) })
    : [];
  const brandIds = [...new Set([...bases.map((b) => b.brandId), ...served.map((s) => s.brandId)])];
  const brands = await readByIds<{ parent: { id: string } | null }>(ctx, 'brand', brandIds, '{ id parent { id } }');
  const publicBrandOf = (brandId: string) => brands.get(brandId)?.parent?.id ?? brandId;
  const families = new Map<string, string[]>();
  for (const s of served) families.set(s.institutionId, [...(families.get(s.institutionId) ?? []), publicBrandOf(s.brandId)]);
  return [
    ...bases.map((b) => ({ subjectType: RosterSubjectType.BASE, subjectId: b.id, stratum: publicBrandOf(b.brandId) })),
    ...institutions.map((i) => {
      const ids = families.get(i.id);
      // the application workflow gives every institution a brand (application.service.ts)
      if (!ids?.length) throw new Error(`institution ${i.id} serves no brand: it cannot be stratified`);
      return { subjectType: RosterSubjectType.INSTITUTION, subjectId: i.id, stratum: [...ids].sort()[0] };
    }),
  ];
}

/** 抽查复核: the year's sample, drawn from the subjects ACTIVE now and stored with what reproduces it; a year is drawn once. */
export async function drawSpotCheckSample(ctx: RequestContext, input: DrawSpotCheckSampleInput): Promise<SpotCheckSample> {
  const checked = checkDrawInput(input);
  const repository = ctx.db.getRepository(SpotCheckSample);
  const earlier = await repository.findOneBy({ year: input.year });
  if (earlier) throw alreadyDrawn(earlier);

  const roster = await activeRoster(ctx);
  if (roster.length === 0)
    throw new DomainError(ErrorCode.INVALID_TRANSITION, `no base or institution is ACTIVE: there is nothing to spot-check`, {
      reason: 'NO_ACTIVE_SUBJECTS',
    });
  if (input.size != null && input.size > roster.length)
    throw badInput(`size ${input.size} is more than the ${roster.length} ACTIVE bases and institutions`, {
      field: 'size',
      rosterSize: roster.length,
    });
  const seed = checked.seed ?? randomBytes(16).toString('hex');
  const size = sampleSize(roster.length, new Set(roster.map((e) => e.stratum)).size, input);
  const draw = drawSpotCheck(roster, { year: input.year, seed, size });

  const sample = Object.assign(new SpotCheckSample(), {
    id: randomUUID(),
    year: input.year,
    seed,
    algorithm: SPOT_CHECK_ALGORITHM,
    rate: input.rate ?? null,
    requestedSize: input.rate == null ? input.size : null,
    size,
    rosterSize: roster.length,
    rosterDigest: draw.rosterDigest,
    drawnBy: ctx.viewer.subject ?? ctx.viewer.role,
    drawnAt: new Date().toISOString(),
  });
  return inTransaction(ctx, `the spot-check sample for ${input.year}`, async (manager) => {
    const raced = await manager.getRepository(SpotCheckSample).findOneBy({ year: input.year });
    if (raced) throw alreadyDrawn(raced);
    // two draws at once: the unique year refuses the second, which inTransaction reports as CONFLICT
    await manager.getRepository(SpotCheckSample).insert(sample);
    await insertAll(
      manager,
      SpotCheckStratum,
      draw.strata.map((s) => ({ sampleId: sample.id, brandId: s.stratum, rosterSize: s.rosterSize, sampled: s.sampled })),
    );
    await insertAll(
      manager,
      SpotCheckMember,
      draw.members.map((m) => ({
        sampleId: sample.id,
        subjectId: m.subjectId,
        subjectType: m.subjectType,
        brandId: m.stratum,
        rank: m.rank,
        sortKey: m.sortKey,
      })),
    );
    return sample;
  });
}

/** Inserts rows in chunks of INSERT_CHUNK. */
async function insertAll(manager: EntityManager, entity: typeof SpotCheckStratum | typeof SpotCheckMember, rows: object[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const chunk = rows.slice(i, i + INSERT_CHUNK).map((row) => Object.assign(new entity(), row));
    await manager.createQueryBuilder().insert().into(entity).values(chunk).execute();
  }
}

export function spotCheckSample(ctx: RequestContext, year: number): Promise<SpotCheckSample | null> {
  return ctx.db.getRepository(SpotCheckSample).findOneBy({ year });
}

/** every sample, newest year first */
export function spotCheckSamples(ctx: RequestContext): Promise<SpotCheckSample[]> {
  return ctx.db.getRepository(SpotCheckSample).find({ order: { year: 'DESC' } });
}
