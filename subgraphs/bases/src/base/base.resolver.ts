import { Arg, Args, Ctx, Directive, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Connection, PageArgs, type Page, type ReferenceResolver, type RequestContext } from '@skills-sichuan/subgraph-kit';
import { Brand } from '../brand/brand.stub';
import { City } from '../city/city.entity';
import { cityByCode } from '../city/city.loader';
import { Honour } from '../honour/honour.entity';
import { honoursOf } from '../honour/honour.loader';
import { Organization } from '../organization/organization.entity';
import { organizationById } from '../organization/organization.loader';
import { RosterDecision, RosterSubjectType } from '../roster/roster-decision.entity';
import { rosterHistoryOf } from '../roster/roster.loader';
import { Base, BaseProfile } from './base.entity';
import { CultivationField } from './base.enums';
import { BaseFilter } from './base.input';
import { baseById, conditionsOf, fieldsOf } from './base.loader';
import { listBases } from './base.service';

@ObjectType()
export class BaseConnection extends Connection(Base) {}

@Resolver(() => Base)
export class BaseResolver {
  @Query(() => Base, { nullable: true })
  base(@Ctx() { loaders }: RequestContext, @Arg('id', () => ID) id: string): Promise<Base | null> {
    return loaders.of(baseById).load(id);
  }

  // parameter decorators run last to first: @Args before @Arg('filter') prints filter first, as the contract orders them
  @Query(() => BaseConnection, { description: 'The roster of bases: main bases first, then by city, name and id' })
  bases(
    @Ctx() ctx: RequestContext,
    @Args() { first, after }: PageArgs,
    @Arg('filter', () => BaseFilter, { nullable: true }) filter: BaseFilter | null,
  ): Promise<Page<Base>> {
    return listBases(ctx, filter, { first, after });
  }

  @FieldResolver(() => Brand, { nullable: true })
  brand(@Root() base: Base): Brand {
    return Brand.reference(base.brandId);
  }

  @FieldResolver(() => Organization)
  operator(@Root() base: Base, @Ctx() { loaders }: RequestContext): Promise<Organization | null> {
    return loaders.of(organizationById).load(base.operatorId);
  }

  @FieldResolver(() => City)
  city(@Root() base: Base, @Ctx() { loaders }: RequestContext): Promise<City | null> {
    return loaders.of(cityByCode).load(base.cityCode);
  }

  @FieldResolver(() => BaseProfile, { nullable: true, description: 'the conditions it was selected on; null where none were recorded' })
  conditions(@Root() base: Base, @Ctx() { loaders }: RequestContext): Promise<BaseProfile | null> {
    return loaders.of(conditionsOf).load(base.id);
  }

  @FieldResolver(() => [CultivationField], { description: 'the fields it serves' })
  fields(@Root() base: Base, @Ctx() { loaders }: RequestContext): Promise<CultivationField[]> {
    return loaders.of(fieldsOf).load(base.id);
  }

  @Directive('@listSize(assumedSize: 10, requireOneSlicingArgument: false)')
  @FieldResolver(() => [Honour], { description: '要素保障: the national and provincial titles it holds, newest first' })
  honours(@Root() base: Base, @Ctx() { loaders }: RequestContext): Promise<Honour[]> {
    return loaders.of(honoursOf).load(base.id);
  }

  @Directive('@listSize(assumedSize: 10, requireOneSlicingArgument: false)')
  @FieldResolver(() => [RosterDecision], { description: 'every roster decision about it, oldest first' })
  rosterHistory(@Root() base: Base, @Ctx() { loaders }: RequestContext): Promise<RosterDecision[]> {
    return loaders.of(rosterHistoryOf).load({ subjectType: RosterSubjectType.BASE, subjectId: base.id });
  }
}

export const resolveBaseReference: ReferenceResolver<{ id: string }> = ({ id }, { loaders }) => loaders.of(baseById).load(id);
