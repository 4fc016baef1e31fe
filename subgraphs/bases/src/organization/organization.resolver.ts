import { Arg, Args, Authorized, Ctx, Directive, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role } from '@skills-sichuan/runtime';
import { type ReferenceResolver, type RequestContext } from '@skills-sichuan/subgraph-kit';
import { Base } from '../base/base.entity';
import { basesOfOperators } from '../base/base.loader';
import { City } from '../city/city.entity';
import { cityByCode } from '../city/city.loader';
import { Institution } from '../institution/institution.entity';
import { institutionsOfOrganizations } from '../institution/institution.loader';
import { Contact, Organization } from './organization.entity';
import { CorrectContactsInput, OrganizationLookupArgs, RegisterOrganizationInput } from './organization.input';
import { contactHistoryOf, contactsOf, organizationById } from './organization.loader';
import { correctContacts, findOrganization, registerOrganization } from './organization.service';
import { RecordCorrection } from './record-correction';

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => Organization, { nullable: true, description: 'One organisation by exactly one of id or creditCode; null when none matches' })
  organization(@Ctx() ctx: RequestContext, @Args() lookup: OrganizationLookupArgs): Promise<Organization | null> {
    return findOrganization(ctx, lookup);
  }

  @Authorized(Role.CITY_ADMIN)
  @Mutation(() => Organization, { description: 'Registers a cultivation subject; a CITY_ADMIN registers only in its own city' })
  registerOrganization(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => RegisterOrganizationInput) input: RegisterOrganizationInput,
  ): Promise<Organization> {
    return registerOrganization(ctx, input);
  }

  @Authorized(Role.CITY_ADMIN, Role.BASE_OPERATOR)
  @Mutation(() => Organization, {
    description: '更正: sets its contacts to the list given, keeping what changed, who, when and why; by whom may read them',
  })
  correctContacts(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CorrectContactsInput) input: CorrectContactsInput,
  ): Promise<Organization> {
    return correctContacts(ctx, input);
  }

  @FieldResolver(() => City)
  city(@Root() organization: Organization, @Ctx() { loaders }: RequestContext): Promise<City | null> {
    return loaders.of(cityByCode).load(organization.cityCode);
  }

  /** contacts are personal data: the organisation itself, its city's bureau and the province read them */
  @Authorized(Role.CITY_ADMIN, Role.BASE_OPERATOR)
  @Directive('@listSize(assumedSize: 10, requireOneSlicingArgument: false)')
  @FieldResolver(() => [Contact], {
    nullable: true,
    description: 'its contact people (not public): for its own BASE_OPERATOR, its city’s CITY_ADMIN and PROVINCIAL_ADMIN',
  })
  contacts(@Root() organization: Organization, @Ctx() { loaders, viewer }: RequestContext): Promise<Contact[]> {
    viewer.assertCity(organization.cityCode, 'contacts');
    viewer.assertOrganization(organization.id, 'contacts');
    return loaders.of(contactsOf).load(organization.id);
  }

  /** the history holds what the contacts were: read by whom may read them, opened only then */
  @Authorized(Role.CITY_ADMIN, Role.BASE_OPERATOR)
  @Directive('@listSize(assumedSize: 10, requireOneSlicingArgument: false)')
  @FieldResolver(() => [RecordCorrection], {
    nullable: true,
    description: 'every correction of its contacts, oldest first (not public: as contacts)',
  })
  contactHistory(@Root() organization: Organization, @Ctx() { loaders, viewer }: RequestContext): Promise<RecordCorrection[]> {
    viewer.assertCity(organization.cityCode, 'contactHistory');
    viewer.assertOrganization(organization.id, 'contactHistory');
    return loaders.of(contactHistoryOf).load(organization.id);
  }

  @Directive('@listSize(assumedSize: 10, requireOneSlicingArgument: false)')
  @FieldResolver(() => [Base], { description: 'the bases it operates, every status, in roster order' })
  bases(@Root() organization: Organization, @Ctx() { loaders }: RequestContext): Promise<Base[]> {
    return loaders.of(basesOfOperators).load(organization.id);
  }

  @Directive('@listSize(assumedSize: 10, requireOneSlicingArgument: false)')
  @FieldResolver(() => [Institution], { description: 'its operating institutions, every status' })
  institutions(@Root() organization: Organization, @Ctx() { loaders }: RequestContext): Promise<Institution[]> {
    return loaders.of(institutionsOfOrganizations).load(organization.id);
  }
}

export const resolveOrganizationReference: ReferenceResolver<{ id: string }> = ({ id }, { loaders }) =>
  loaders.of(organizationById).load(id);
