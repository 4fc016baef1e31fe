import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Role } from '@skills-sichuan/runtime';
import { Cached, CacheFor, Connection, CountAsked, type Page, PageArgs, type RequestContext } from '@skills-sichuan/subgraph-kit';
import { Brand, City } from '../brand/brand.stub';
import { Provider, providerReference } from '../provider/provider.stub';
import { PromotionEvent } from './promotion-event.entity';
import { PromotionEventFilterArgs, RecordPromotionEventInput } from './promotion-event.input';
import { listPromotionEvents, recordPromotionEvent } from './promotion-event.service';

@ObjectType()
@Cached(CacheFor.program)
export class PromotionEventConnection extends Connection(PromotionEvent) {}

@Resolver(() => PromotionEvent)
export class PromotionEventResolver {
  @Query(() => PromotionEventConnection, { description: 'Promotion events, newest first' })
  promotionEvents(
    @Ctx() ctx: RequestContext,
    @Args() filter: PromotionEventFilterArgs,
    @Args() page: PageArgs,
    @CountAsked() counted: boolean,
  ): Promise<Page<PromotionEvent>> {
    return listPromotionEvents(ctx, filter, { ...page, counted });
  }

  @Authorized(Role.BASE_OPERATOR, Role.CITY_ADMIN)
  @Mutation(() => PromotionEvent)
  recordPromotionEvent(@Ctx() ctx: RequestContext, @Arg('input') input: RecordPromotionEventInput): Promise<PromotionEvent> {
    return recordPromotionEvent(ctx, input);
  }

  @FieldResolver(() => Brand, { nullable: true })
  brand(@Root() event: PromotionEvent): Brand {
    return Brand.reference(event.brandId);
  }

  @FieldResolver(() => Provider, { nullable: true })
  host(@Root() event: PromotionEvent) {
    return event.hostType && event.hostId ? providerReference(event.hostType, event.hostId) : null;
  }

  @FieldResolver(() => City, { nullable: true })
  city(@Root() event: PromotionEvent): City {
    return City.reference(event.cityCode);
  }
}
