import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, Directive, FieldResolver, ID, Info, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Role } from '@skills-sichuan/runtime';
import {
  asksField,
  Cached,
  CacheFor,
  Connection,
  CountAsked,
  type Page,
  PageArgs,
  type ReferenceResolver,
  type RequestContext,
} from '@skills-sichuan/subgraph-kit';
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
import { RecordCorrection } from '../organization/record-correction';
import { BaseFilter, CorrectBaseConditionsInput } from './base.input';
import { baseById, conditionHistoryOf, conditionsOf, fieldsOf } from './base.loader';
import { correctBaseConditions, listBases, readBase } from './base.service';

@ObjectType()
@Cached(CacheFor.program)
export class BaseConnection extends Connection(Base) {}

@Resolver(() => Base)
export class BaseResolver {
  @Query(() => Base, { nullable: true })
  base(@Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo, @Arg('id', () => ID) id: string): Promise<Base | null> {
    return readBase(ctx, id, { operator: asksField(info, 'operator'), honours: asksField(info, 'honours') });
  }

  // parameter decorators run last to first: @Args before @Arg('filter') prints filter first, as the contract orders them
  @Query(() => BaseConnection, { description: 'The roster of bases: main bases first, then by city, name and id' })
  bases(
    @Ctx() ctx: RequestContext,
    @Args() { first, after }: PageArgs,
    @Arg('filter', () => BaseFilter, { nullable: true }) filter: BaseFilter | null,
    @CountAsked() counted: boolean,
  ): Promise<Page<Base>> {
    return listBases(ctx, filter, { first, after, counted });
  }

  @Authorized(Role.CITY_ADMIN, Role.BASE_OPERATOR)
  @Mutation(() => Base, {
    description:
      '更正: corrects its conditions and fields, keeping what changed, who, when and why; by the province, its city or its operator',
  })
  correctBaseConditions(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CorrectBaseConditionsInput) input: CorrectBaseConditionsInput,
  ): Promise<Base> {
    return correctBaseConditions(ctx, input);
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

  @Directive('@listSize(assumedSize: 10, requireOneSlicingArgument: false)')
  @FieldResolver(() => [RecordCorrection], {
    description: 'every correction of its conditions and fields since its selection, oldest first',
  })
  conditionHistory(@Root() base: Base, @Ctx() { loaders }: RequestContext): Promise<RecordCorrection[]> {
    return loaders.of(conditionHistoryOf).load(base.id);
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
