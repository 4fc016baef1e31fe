import { Arg, Args, Authorized, Ctx, Directive, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role } from '@skills-sichuan/runtime';
import { CountAsked, type RequestContext, todayInChina } from '@skills-sichuan/subgraph-kit';
import { Brand } from '../brand/brand.entity';
import { brandOf } from '../brand/brand.loader';
import { Organization } from '../organization/organization.stub';
import { LicenceStatus, UsageLicence } from './usage-licence.entity';
import { licencesOf } from './usage-licence.loader';
import { GrantUsageLicenceInput, RevokeUsageLicenceInput, UsageLicenceConnection, UsageLicencesArgs } from './usage-licence.input';
import { grantUsageLicence, licenceStatusOn, listUsageLicences, revokeUsageLicence } from './usage-licence.service';

@Resolver(() => UsageLicence)
export class UsageLicenceResolver {
  @Query(() => UsageLicenceConnection, { description: 'Brand usage licences, newest first' })
  usageLicences(
    @Ctx() ctx: RequestContext,
    @Args() args: UsageLicencesArgs,
    @CountAsked() counted: boolean,
  ): Promise<UsageLicenceConnection> {
    return listUsageLicences(ctx, { ...args, counted });
  }

  @FieldResolver(() => LicenceStatus, { description: 'as of today in Sichuan' })
  status(@Root() licence: UsageLicence): LicenceStatus {
    return licenceStatusOn(licence, todayInChina());
  }

  @FieldResolver(() => Brand)
  brand(@Root() licence: UsageLicence, @Ctx() ctx: RequestContext): Promise<Brand> {
    return brandOf(ctx, licence.brandId);
  }

  @FieldResolver(() => Organization, { nullable: true })
  licensee(@Root() licence: UsageLicence): Organization {
    return Organization.reference(licence.licenseeId);
  }

  @Authorized(Role.PROVINCIAL_ADMIN)
  @Mutation(() => UsageLicence, { description: 'Licenses an organisation to use a brand from validFrom to validTo' })
  grantUsageLicence(@Ctx() ctx: RequestContext, @Arg('input') input: GrantUsageLicenceInput): Promise<UsageLicence> {
    return grantUsageLicence(ctx, input);
  }

  @Authorized(Role.PROVINCIAL_ADMIN)
  @Mutation(() => UsageLicence, { description: 'Revokes a licence for a written reason, from the day given' })
  revokeUsageLicence(@Ctx() ctx: RequestContext, @Arg('input') input: RevokeUsageLicenceInput): Promise<UsageLicence> {
    return revokeUsageLicence(ctx, input.id, input.reason, input.revokedOn);
  }
}

/** An organisation's brand licences, on the organisation the bases subgraph owns. */
@Resolver(() => Organization)
export class OrganizationLicencesResolver {
  @Directive('@listSize(assumedSize: 10, requireOneSlicingArgument: false)')
  @FieldResolver(() => [UsageLicence], { nullable: true, description: 'the brand usage licences granted to it, newest first' })
  usageLicences(@Root() organization: Organization, @Ctx() { loaders }: RequestContext): Promise<UsageLicence[]> {
    return loaders.of(licencesOf).load(organization.id);
  }
}
