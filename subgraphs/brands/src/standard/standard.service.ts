import { randomUUID } from 'node:crypto';
import { In, type EntityManager } from 'typeorm';
import { badInput, conflict, constraintViolated, DomainError, ErrorCode, notFound, Role } from '@skills-sichuan/runtime';
import { requireText, type RequestContext } from '@skills-sichuan/subgraph-kit';
import { Brand } from '../brand/brand.entity';
import { assertOrganizationsExist } from '../organization/organization.check';
import { Standard, StandardBrand, StandardDrafter, StandardStatus, standardWorkflow, type StandardCategory } from './standard.entity';
import type { DraftStandardInput, ReviseStandardInput } from './standard.input';
import { byCodeThenNewest, compareVersions, standardById, successorOf, versionsOf } from './standard.loader';

const CODE = /^[A-Z][A-Z0-9/ .-]{2,39}$/;
const VERSION = /^\d{1,3}(\.\d{1,3}){1,2}$/;

/** Drafts are work in progress of the department: only PROVINCIAL_ADMIN sees them. */
export const seesDrafts = ({ viewer }: RequestContext) => viewer.role === Role.PROVINCIAL_ADMIN;

/** The standard when the viewer may see it (a draft only PROVINCIAL_ADMIN), else null. */
const visibleTo = (ctx: RequestContext, standard: Standard | null): Standard | null =>
  standard && (standard.status !== StandardStatus.DRAFT || seesDrafts(ctx)) ? standard : null;

export async function listStandards(
  ctx: RequestContext,
  filter: { category?: StandardCategory | null; status?: StandardStatus | null; brandId?: string | null },
): Promise<Standard[]> {
  if (filter.status === StandardStatus.DRAFT && !seesDrafts(ctx)) {
    const code = ctx.viewer.isPublic ? ErrorCode.UNAUTHENTICATED : ErrorCode.FORBIDDEN;
    throw new DomainError(code, 'draft standards are shown to PROVINCIAL_ADMIN only', { reason: 'ROLE' });
  }
  const query = ctx.db.getRepository(Standard).createQueryBuilder('s');
  if (filter.category) query.andWhere('s.category = :category', { category: filter.category });
  if (filter.status) query.andWhere('s.status = :status', { status: filter.status });
  else if (!seesDrafts(ctx)) query.andWhere('s.status <> :draft', { draft: StandardStatus.DRAFT });
  if (filter.brandId)
    query.andWhere('EXISTS (SELECT 1 FROM standard_brand sb WHERE sb.standard_id = s.id AND sb.brand_id = :brandId)', {
      brandId: filter.brandId,
    });
  return (await query.getMany()).sort(byCodeThenNewest);
}

export async function findStandard(ctx: RequestContext, id: string): Promise<Standard | null> {
  return visibleTo(ctx, await ctx.db.getRepository(Standard).findOneBy({ id }));
}

/** A standard another subgraph refers to, batched with the others of the request. */
export async function standardReference(ctx: RequestContext, id: string): Promise<Standard | null> {
  return visibleTo(ctx, await ctx.loaders.of(standardById).load(id));
}

/** The version that replaced this one, if the viewer may see it. */
export async function successorOfStandard(ctx: RequestContext, standard: Standard): Promise<Standard | null> {
  return visibleTo(ctx, await ctx.loaders.of(successorOf).load(standard.id));
}

/** Every version of the standard the viewer may see, newest first. */
export async function versionsOfStandard(ctx: RequestContext, standard: Standard): Promise<Standard[]> {
  return (await ctx.loaders.of(versionsOf).load(standard.code)).filter((version) => visibleTo(ctx, version));
}

export async function draftStandard(ctx: RequestContext, input: DraftStandardInput): Promise<Standard> {
  const code = input.code.trim();
  if (!CODE.test(code))
    throw badInput('code must be 3–40 upper-case letters, digits, spaces or / . -, starting with a letter, e.g. "T/SCJN 001"', {
      field: 'code',
    });
  checkVersion(input.version);
  const title = checkTitle(input.title);
  await assertBrands(ctx, input.brandIds);
  await assertOrganizationsExist(ctx, input.draftedByIds, 'draftedByIds');
  return ctx.db.transaction(async (manager) => {
    if (await manager.getRepository(Standard).existsBy({ code }))
      throw conflict(`the standard ${code} exists already: revise it for a new version`, { field: 'code' });
    return insertVersion(
      manager,
      { code, title, category: input.category, version: input.version, supersedesId: null },
      input.brandIds,
      input.draftedByIds,
    );
  });
}

export async function reviseStandard(ctx: RequestContext, input: ReviseStandardInput): Promise<Standard> {
  checkVersion(input.version);
  const title = input.title == null ? null : checkTitle(input.title);
  if (input.brandIds) await assertBrands(ctx, input.brandIds);
  if (input.draftedByIds) await assertOrganizationsExist(ctx, input.draftedByIds, 'draftedByIds');
  return ctx.db.transaction(async (manager) => {
    const current = await manager.getRepository(Standard).findOneBy({ id: input.standardId });
    if (!current) throw notFound(`no standard has the id ${JSON.stringify(input.standardId)}`, { field: 'standardId' });
    if (current.status !== StandardStatus.PUBLISHED) {
      throw new DomainError(
        ErrorCode.INVALID_TRANSITION,
        `only the published version of a standard is revised; ${current.code} ${current.version} is ${current.status}`,
        { field: 'standardId' },
      );
    }
    const versions = await manager.getRepository(Standard).findBy({ code: current.code });
    if (versions.some((v) => v.status === StandardStatus.DRAFT))
      throw conflict(`${current.code} has a draft already: publish or edit that one`, { field: 'standardId' });
    const newest = versions.reduce((a, b) => (compareVersions(a.version, b.version) >= 0 ? a : b));
    if (compareVersions(input.version, newest.version) <= 0)
      throw badInput(`version must be greater than ${newest.version}, the newest of ${current.code}`, { field: 'version' });
    const brandIds =
      input.brandIds ?? (await manager.getRepository(StandardBrand).findBy({ standardId: current.id })).map((l) => l.brandId);
    const drafters =
      input.draftedByIds ?? (await manager.getRepository(StandardDrafter).findBy({ standardId: current.id })).map((d) => d.organizationId);
    return insertVersion(
      manager,
      { code: current.code, title: title ?? current.title, category: current.category, version: input.version, supersedesId: current.id },
      brandIds,
      drafters,
    );
  });
}

/** DRAFT → PUBLISHED (retiring the version it supersedes, the same day) or PUBLISHED → RETIRED; nothing else, never back. */
export async function changeStandardStatus(
  ctx: RequestContext,
  id: string,
  status: StandardStatus,
  effectiveOn: string,
): Promise<Standard> {
  return ctx.db.transaction(async (manager) => {
    const repository = manager.getRepository(Standard);
    const standard = await repository.findOneBy({ id });
    if (!standard) throw notFound(`no standard has the id ${JSON.stringify(id)}`, { field: 'id' });
    standardWorkflow.assertMove(standard.status, status);
    if (status === StandardStatus.PUBLISHED) {
      const predecessor = standard.supersedesId ? await repository.findOneBy({ id: standard.supersedesId }) : null;
      if (predecessor?.publishedOn && effectiveOn < predecessor.publishedOn) {
        throw badInput(`effectiveOn must not precede ${predecessor.publishedOn}, when the version it supersedes was published`, {
          field: 'effectiveOn',
        });
      }
      if (predecessor?.status === StandardStatus.PUBLISHED) {
        await repository.update({ id: predecessor.id }, { status: StandardStatus.RETIRED, retiredOn: effectiveOn });
      }
      standard.publishedOn = effectiveOn;
    } else {
      if (standard.publishedOn && effectiveOn < standard.publishedOn)
        throw badInput(`effectiveOn must not precede ${standard.publishedOn}, when it was published`, { field: 'effectiveOn' });
      standard.retiredOn = effectiveOn;
    }
    standard.status = status;
    await repository.update({ id }, { status, publishedOn: standard.publishedOn, retiredOn: standard.retiredOn });
    return standard;
  });
}

function checkVersion(version: string) {
  if (!VERSION.test(version)) throw badInput('version must look like "1.0" or "2.1.3"', { field: 'version' });
}

const checkTitle = (title: string) => requireText(title, 'title', 4, 200);

async function assertBrands({ db }: RequestContext, brandIds: string[]) {
  const unique = [...new Set(brandIds)];
  if (unique.length === 0) throw badInput('a standard applies to at least one brand', { field: 'brandIds' });
  const found = new Set((await db.getRepository(Brand).findBy({ id: In(unique) })).map((b) => b.id));
  const missing = unique.filter((id) => !found.has(id));
  if (missing.length) throw notFound(`no brand has the id ${missing.join(', ')}`, { field: 'brandIds' });
}

async function insertVersion(
  manager: EntityManager,
  fields: Pick<Standard, 'code' | 'title' | 'category' | 'version' | 'supersedesId'>,
  brandIds: string[],
  drafterIds: string[],
): Promise<Standard> {
  const standard = manager
    .getRepository(Standard)
    .create({ id: randomUUID(), ...fields, status: StandardStatus.DRAFT, publishedOn: null, retiredOn: null });
  try {
    await manager.getRepository(Standard).insert(standard);
  } catch (err) {
    if (constraintViolated(err) === 'unique') throw conflict(`${fields.code} ${fields.version} exists already`, { field: 'version' });
    throw err;
  }
  await manager.getRepository(StandardBrand).insert([...new Set(brandIds)].map((brandId) => ({ standardId: standard.id, brandId })));
  if (drafterIds.length)
    await manager
      .getRepository(StandardDrafter)
      .insert([...new Set(drafterIds)].map((organizationId) => ({ standardId: standard.id, organizationId })));
  return standard;
}
