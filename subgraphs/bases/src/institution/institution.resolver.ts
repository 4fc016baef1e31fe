import { Arg, Args, Ctx, Directive, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import {
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
import { Organization } from '../organization/organization.entity';
import { organizationById } from '../organization/organization.loader';
import { Institution } from './institution.entity';
import { ServiceType } from './institution.enums';
import { RosterDecision, RosterSubjectType } from '../roster/roster-decision.entity';
import { rosterHistoryOf } from '../roster/roster.loader';
import { InstitutionFilter } from './institution.input';
import { brandIdsOf, institutionById, occupationsOf, servicesOf } from './institution.loader';
import { listInstitutions } from './institution.service';

@ObjectType()
@Cached(CacheFor.program)
export class InstitutionConnection extends Connection(Institution) {}

@Resolver(() => Institution)
export class InstitutionResolver {
  @Query(() => Institution, { nullable: true })
  institution(@Ctx() { loaders }: RequestContext, @Arg('id', () => ID) id: string): Promise<Institution | null> {
    return loaders.of(institutionById).load(id);
  }

  @Query(() => InstitutionConnection, { description: 'The roster of institutions, by city, name and id' })
  institutions(
    @Ctx() ctx: RequestContext,
    @Args() { first, after }: PageArgs,
    @Arg('filter', () => InstitutionFilter, { nullable: true }) filter: InstitutionFilter | null,
    @CountAsked() counted: boolean,
  ): Promise<Page<Institution>> {
    return listInstitutions(ctx, filter, { first, after, counted });
  }

  @FieldResolver(() => [ServiceType])
  services(@Root() institution: Institution, @Ctx() { loaders }: RequestContext): Promise<ServiceType[]> {
    return loaders.of(servicesOf).load(institution.id);
  }

  @Directive('@listSize(assumedSize: 10, requireOneSlicingArgument: false)')
  @FieldResolver(() => [Brand], { nullable: true })
  async brands(@Root() institution: Institution, @Ctx() { loaders }: RequestContext): Promise<Brand[]> {
    return (await loaders.of(brandIdsOf).load(institution.id)).map(Brand.reference);
  }

  @FieldResolver(() => [String], { description: 'the occupations (职业/工种) it serves' })
  occupations(@Root() institution: Institution, @Ctx() { loaders }: RequestContext): Promise<string[]> {
    return loaders.of(occupationsOf).load(institution.id);
  }

  @Directive('@listSize(assumedSize: 10, requireOneSlicingArgument: false)')
  @FieldResolver(() => [RosterDecision], { description: 'every roster decision about it, oldest first' })
  rosterHistory(@Root() institution: Institution, @Ctx() { loaders }: RequestContext): Promise<RosterDecision[]> {
    return loaders.of(rosterHistoryOf).load({ subjectType: RosterSubjectType.INSTITUTION, subjectId: institution.id });
  }

  @FieldResolver(() => Organization)
  organization(@Root() institution: Institution, @Ctx() { loaders }: RequestContext): Promise<Organization | null> {
    return loaders.of(organizationById).load(institution.organizationId);
  }

  @FieldResolver(() => City)
  city(@Root() institution: Institution, @Ctx() { loaders }: RequestContext): Promise<City | null> {
    return loaders.of(cityByCode).load(institution.cityCode);
  }
}

export const resolveInstitutionReference: ReferenceResolver<{ id: string }> = ({ id }, { loaders }) => loaders.of(institutionById).load(id);
