import { randomUUID } from 'node:crypto';
import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { DateScalar, Role } from '@skills-sichuan/runtime';
import { checkCityCode, checkYear, Connection, PageArgs, paginate, type Page, type RequestContext, requireText } from '@skills-sichuan/subgraph-kit';
import { Brand, City } from '../brand/brand.stub';
import { checkCount } from '../program/training-program.service';
import { assertBrandsExist, hosting } from '../provider/provider.service';
import { Provider, providerReference } from '../provider/provider.stub';
import { PromotionEvent, PromotionKind } from './promotion-event.entity';

@InputType({ description: 'A promotion event; hosted by at most one of a base and an institution (as for competitions)' })
export class RecordPromotionEventInput {
  @Field(() => PromotionKind)
  kind: PromotionKind;

  @Field()
  title: string;

  @Field(() => ID)
  brandId: string;

  @Field(() => ID, { nullable: true })
  hostBaseId?: string | null;

  @Field(() => ID, { nullable: true })
  hostInstitutionId?: string | null;

  @Field(() => String, { nullable: true })
  cityCode?: string | null;

  @Field(() => DateScalar)
  heldOn: string;

  @Field(() => Int)
  reach: number;
}

@ArgsType()
export class PromotionEventFilterArgs {
  @Field(() => ID, { nullable: true })
  brandId?: string | null;

  @Field(() => PromotionKind, { nullable: true })
  kind?: PromotionKind | null;

  @Field(() => Int, { nullable: true })
  year?: number | null;

  @Field(() => String, { nullable: true })
  cityCode?: string | null;
}

@ObjectType()
export class PromotionEventConnection extends Connection(PromotionEvent) {}

@Resolver(() => PromotionEvent)
export class PromotionEventResolver {
  @Query(() => PromotionEventConnection, { description: 'Promotion events, newest first' })
  promotionEvents(@Ctx() { db }: RequestContext, @Args() filter: PromotionEventFilterArgs, @Args() page: PageArgs): Promise<Page<PromotionEvent>> {
    checkCityCode(filter.cityCode);
    checkYear(filter.year);
    const query = db.getRepository(PromotionEvent).createQueryBuilder('e');
    if (filter.brandId) query.andWhere('e.brand_id = :brandId', { brandId: filter.brandId });
    if (filter.kind) query.andWhere('e.kind = :kind', { kind: filter.kind });
    if (filter.cityCode) query.andWhere('e.city_code = :cityCode', { cityCode: filter.cityCode });
    if (filter.year != null) query.andWhere('e.held_on BETWEEN :from AND :to', { from: `${filter.year}-01-01`, to: `${filter.year}-12-31` });
    return paginate(query, [
      { column: 'e.held_on', property: 'heldOn', direction: 'DESC' },
      { column: 'e.id', property: 'id', direction: 'ASC' },
    ], page);
  }

  @Authorized(Role.BASE_OPERATOR, Role.CITY_ADMIN)
  @Mutation(() => PromotionEvent)
  async recordPromotionEvent(@Ctx() ctx: RequestContext, @Arg('input') input: RecordPromotionEventInput): Promise<PromotionEvent> {
    const title = requireText(input.title, 'title', 1, 200);
    checkCount('reach', input.reach, 0, 2_000_000_000);
    checkYear(Number(input.heldOn.slice(0, 4)));
    const host = await hosting(ctx, input, 'recordPromotionEvent');
    await assertBrandsExist(ctx, [input.brandId]);
    const event = Object.assign(new PromotionEvent(), { id: randomUUID(), kind: input.kind, title, brandId: input.brandId, ...host, heldOn: input.heldOn, reach: input.reach });
    await ctx.db.getRepository(PromotionEvent).insert(event);
    return event;
  }

  @FieldResolver(() => Brand)
  brand(@Root() event: PromotionEvent): Brand {
    return Brand.reference(event.brandId);
  }

  @FieldResolver(() => Provider, { nullable: true })
  host(@Root() event: PromotionEvent) {
    return event.hostType && event.hostId ? providerReference(event.hostType, event.hostId) : null;
  }

  @FieldResolver(() => City)
  city(@Root() event: PromotionEvent): City {
    return Object.assign(new City(), { code: event.cityCode });
  }
}
