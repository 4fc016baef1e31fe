import { randomUUID } from 'node:crypto';
import { badInput } from '@skills-sichuan/runtime';
import { checkYear, paginate, type Page, type PageArgs, type RequestContext, requireText } from '@skills-sichuan/subgraph-kit';
import { assertBrandsExist } from '../brand/brand.service';
import { TypicalCase, TypicalCaseBrand } from './typical-case.entity';
import type { PublishTypicalCaseInput, TypicalCaseFilterArgs } from './typical-case.input';

/** Typical experiences and excellent cases, newest first; of one kind, about one brand, if asked. */
export function listTypicalCases(
  ctx: RequestContext,
  { kind, brandId }: TypicalCaseFilterArgs,
  page: PageArgs,
): Promise<Page<TypicalCase>> {
  const query = ctx.db.getRepository(TypicalCase).createQueryBuilder('c');
  if (brandId) query.innerJoin(TypicalCaseBrand, 'l', 'l.case_id = c.id AND l.brand_id = :brandId', { brandId });
  if (kind) query.andWhere('c.kind = :kind', { kind });
  return paginate(
    query,
    [
      { column: 'c.published_on', property: 'publishedOn', direction: 'DESC' },
      { column: 'c.id', property: 'id', direction: 'ASC' },
    ],
    page,
  );
}

/** A case and its links to the brands it is about, written together. */
export async function publishTypicalCase(ctx: RequestContext, input: PublishTypicalCaseInput): Promise<TypicalCase> {
  const title = requireText(input.title, 'title', 1, 200);
  const summary = requireText(input.summary, 'summary', 1, 2000);
  checkYear(input.year);
  const brandIds = [...new Set(input.brandIds)];
  if (brandIds.length === 0) throw badInput('brandIds must name at least one brand', { field: 'brandIds' });
  await assertBrandsExist(ctx, brandIds);
  const typicalCase = Object.assign(new TypicalCase(), {
    id: randomUUID(),
    kind: input.kind,
    title,
    summary,
    year: input.year,
    publishedOn: input.publishedOn,
  });
  await ctx.db.transaction(async (manager) => {
    await manager.getRepository(TypicalCase).insert(typicalCase);
    await manager.getRepository(TypicalCaseBrand).insert(brandIds.map((brandId) => ({ caseId: typicalCase.id, brandId })));
  });
  return typicalCase;
}
