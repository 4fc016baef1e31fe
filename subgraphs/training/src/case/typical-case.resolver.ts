import { randomUUID } from 'node:crypto';
import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { In } from 'typeorm';
import { badInput, DateScalar, Role } from '@skills-sichuan/runtime';
import { checkYear, Connection, paginate, PageArgs, type Page, defineLoader, groupedByKey, type RequestContext, requireText } from '@skills-sichuan/subgraph-kit';
import { Brand } from '../brand/brand.stub';
import { assertBrandsExist } from '../provider/provider.service';
import { TypicalCase, TypicalCaseBrand, TypicalCaseKind } from './typical-case.entity';
import { TypicalCaseFilterArgs } from './typical-case.input';

@InputType()
export class PublishTypicalCaseInput {
  @Field(() => TypicalCaseKind)
  kind: TypicalCaseKind;

  @Field()
  title: string;

  @Field()
  summary: string;

  @Field(() => Int)
  year: number;

  @Field(() => DateScalar)
  publishedOn: string;

  @Field(() => [ID], { description: 'one or more brands it is about' })
  brandIds: string[];
}

/** Every case's brands in one statement. */
export const brandsOfCase = defineLoader<string, string[]>('brandsOfCase', async (ids, { db }) =>
  groupedByKey(ids, await db.getRepository(TypicalCaseBrand).find({ where: { caseId: In([...ids]) }, order: { brandId: 'ASC' } }), (l) => l.caseId).map((links) => links.map((l) => l.brandId)),
);

/** Every brand's cases in one statement, newest first. */
export const casesOfBrand = defineLoader<string, TypicalCase[]>('casesOfBrand', async (brandIds, { db }) => {
  const rows = await db.createQueryBuilder(TypicalCase, 'c').innerJoin(TypicalCaseBrand, 'l', 'l.case_id = c.id')
    .addSelect('l.brand_id', 'link_brand_id').where('l.brand_id IN (:...brandIds)', { brandIds: [...brandIds] })
    .orderBy('c.published_on', 'DESC').addOrderBy('c.id', 'ASC').getRawAndEntities();
  const linked = rows.entities.map((c, i) => ({ c, brandId: String(rows.raw[i].link_brand_id) }));
  return groupedByKey(brandIds, linked, (l) => l.brandId).map((ls) => ls.map((l) => l.c));
});

@ObjectType()
export class TypicalCaseConnection extends Connection(TypicalCase) {}

@Resolver(() => TypicalCase)
export class TypicalCaseResolver {
  @Query(() => TypicalCaseConnection, { description: 'Typical experiences and excellent cases, newest first' })
  typicalCases(@Ctx() { db }: RequestContext, @Args() { kind, brandId }: TypicalCaseFilterArgs, @Args() page: PageArgs): Promise<Page<TypicalCase>> {
    const query = db.getRepository(TypicalCase).createQueryBuilder('c');
    if (brandId) query.innerJoin(TypicalCaseBrand, 'l', 'l.case_id = c.id AND l.brand_id = :brandId', { brandId });
    if (kind) query.andWhere('c.kind = :kind', { kind });
    return paginate(query, [
      { column: 'c.published_on', property: 'publishedOn', direction: 'DESC' },
      { column: 'c.id', property: 'id', direction: 'ASC' },
    ], page);
  }

  @Authorized(Role.PROVINCIAL_ADMIN)
  @Mutation(() => TypicalCase, { description: 'The department publishes a case (PROVINCIAL_ADMIN)' })
  async publishTypicalCase(@Ctx() ctx: RequestContext, @Arg('input') input: PublishTypicalCaseInput): Promise<TypicalCase> {
    const title = requireText(input.title, 'title', 1, 200);
    const summary = requireText(input.summary, 'summary', 1, 2000);
    checkYear(input.year);
    const brandIds = [...new Set(input.brandIds)];
    if (brandIds.length === 0) throw badInput('brandIds must name at least one brand', { field: 'brandIds' });
    await assertBrandsExist(ctx, brandIds);
    const typicalCase = Object.assign(new TypicalCase(), { id: randomUUID(), kind: input.kind, title, summary, year: input.year, publishedOn: input.publishedOn });
    await ctx.db.transaction(async (manager) => {
      await manager.getRepository(TypicalCase).insert(typicalCase);
      await manager.getRepository(TypicalCaseBrand).insert(brandIds.map((brandId) => ({ caseId: typicalCase.id, brandId })));
    });
    return typicalCase;
  }

  @FieldResolver(() => [Brand])
  async brands(@Root() typicalCase: TypicalCase, @Ctx() { loaders }: RequestContext): Promise<Brand[]> {
    return (await loaders.of(brandsOfCase).load(typicalCase.id)).map((id) => Brand.reference(id));
  }
}
