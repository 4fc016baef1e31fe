import { Arg, Args, Authorized, Ctx, Directive, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Role } from '@skills-sichuan/runtime';
import { Cached, CacheFor, Connection, CountAsked, type Page, PageArgs, type RequestContext } from '@skills-sichuan/subgraph-kit';
import { Base, BaseProfile } from '../base/base.entity';
import { CultivationField } from '../base/base.enums';
import { baseById } from '../base/base.loader';
import { Brand } from '../brand/brand.stub';
import { City } from '../city/city.entity';
import { cityByCode } from '../city/city.loader';
import { Institution } from '../institution/institution.entity';
import { ServiceType } from '../institution/institution.enums';
import { institutionById } from '../institution/institution.loader';
import { Organization } from '../organization/organization.entity';
import { organizationById } from '../organization/organization.loader';
import { Application, ApplicationStep } from './application.entity';
import { ApplicationDecisionInput, ApplicationFilter, SelectApplicationInput, SubmitApplicationInput } from './application.input';
import { stepsOf } from './application.loader';
import {
  listApplications,
  passPreliminaryReview,
  rejectApplication,
  selectApplication,
  submitApplication,
  visibleApplication,
} from './application.service';

@ObjectType()
@Cached(CacheFor.program)
export class ApplicationConnection extends Connection(Application) {}

/** Applications are not public: applicants read their own, a city's bureau its city's, the province all. */
@Resolver(() => Application)
export class ApplicationResolver {
  @Authorized(Role.CITY_ADMIN, Role.BASE_OPERATOR)
  @Query(() => ApplicationConnection, {
    description: 'Applications, newest first; a CITY_ADMIN sees its city’s, a BASE_OPERATOR its organisation’s',
  })
  applications(
    @Ctx() ctx: RequestContext,
    @Args() { first, after }: PageArgs,
    @Arg('filter', () => ApplicationFilter, { nullable: true }) filter: ApplicationFilter | null,
    @CountAsked() counted: boolean,
  ): Promise<Page<Application>> {
    return listApplications(ctx, filter, { first, after, counted });
  }

  @Authorized(Role.CITY_ADMIN, Role.BASE_OPERATOR)
  @Query(() => Application, {
    nullable: true,
    description: 'One application; null when none has the id or it is outside the viewer’s scope',
  })
  application(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<Application | null> {
    return visibleApplication(ctx, id);
  }

  @Authorized(Role.CITY_ADMIN, Role.BASE_OPERATOR)
  @Mutation(() => Application, { description: '申报: a BASE_OPERATOR for its own organisation, a CITY_ADMIN for one in its city' })
  submitApplication(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => SubmitApplicationInput) input: SubmitApplicationInput,
  ): Promise<Application> {
    return submitApplication(ctx, input);
  }

  @Authorized(Role.PROVINCIAL_ADMIN)
  @Mutation(() => Application, { description: '初审 passed: SUBMITTED → PRELIMINARY_REVIEW' })
  passPreliminaryReview(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ApplicationDecisionInput) input: ApplicationDecisionInput,
  ): Promise<Application> {
    return passPreliminaryReview(ctx, input);
  }

  @Authorized(Role.PROVINCIAL_ADMIN)
  @Mutation(() => Application, {
    description: '遴选: PRELIMINARY_REVIEW → SELECTED, creating the base or institution ACTIVE on the roster',
  })
  selectApplication(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => SelectApplicationInput) input: SelectApplicationInput,
  ): Promise<Application> {
    return selectApplication(ctx, input);
  }

  @Authorized(Role.PROVINCIAL_ADMIN)
  @Mutation(() => Application, { description: 'Refused at 初审 (from SUBMITTED) or at 遴选 (from PRELIMINARY_REVIEW)' })
  rejectApplication(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ApplicationDecisionInput) input: ApplicationDecisionInput,
  ): Promise<Application> {
    return rejectApplication(ctx, input);
  }

  @FieldResolver(() => Organization)
  organization(@Root() application: Application, @Ctx() { loaders }: RequestContext): Promise<Organization | null> {
    return loaders.of(organizationById).load(application.organizationId);
  }

  @FieldResolver(() => City, { description: 'the organisation’s city, where the base or institution will be' })
  city(@Root() application: Application, @Ctx() { loaders }: RequestContext): Promise<City | null> {
    return loaders.of(cityByCode).load(application.cityCode);
  }

  @Directive('@listSize(assumedSize: 10, requireOneSlicingArgument: false)')
  @FieldResolver(() => [Brand], { nullable: true })
  brands(@Root() application: Application): Brand[] {
    return application.parsedProposal.brandIds.map(Brand.reference);
  }

  @FieldResolver(() => BaseProfile, { nullable: true, description: 'a base’s proposed conditions; null for an institution' })
  conditions(@Root() application: Application): BaseProfile | null {
    const { conditions } = application.parsedProposal;
    return conditions ? Object.assign(new BaseProfile(), conditions) : null;
  }

  @FieldResolver(() => [CultivationField])
  fields(@Root() application: Application): CultivationField[] {
    return application.parsedProposal.fields ?? [];
  }

  @FieldResolver(() => [ServiceType])
  services(@Root() application: Application): ServiceType[] {
    return application.parsedProposal.services ?? [];
  }

  @FieldResolver(() => [String])
  occupations(@Root() application: Application): string[] {
    return application.parsedProposal.occupations ?? [];
  }

  @Directive('@listSize(assumedSize: 20, requireOneSlicingArgument: false)')
  @FieldResolver(() => [ApplicationStep], { description: 'every step, oldest first: who, when, why' })
  steps(@Root() application: Application, @Ctx() { loaders }: RequestContext): Promise<ApplicationStep[]> {
    return loaders.of(stepsOf).load(application.id);
  }

  @FieldResolver(() => Base, { nullable: true, description: 'the base its selection created' })
  base(@Root() application: Application, @Ctx() { loaders }: RequestContext): Promise<Base | null> | null {
    return application.baseId ? loaders.of(baseById).load(application.baseId) : null;
  }

  @FieldResolver(() => Institution, { nullable: true, description: 'the institution its selection created' })
  institution(@Root() application: Application, @Ctx() { loaders }: RequestContext): Promise<Institution | null> | null {
    return application.institutionId ? loaders.of(institutionById).load(application.institutionId) : null;
  }
}
