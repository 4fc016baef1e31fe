import { Arg, Args, Authorized, Ctx, Directive, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role } from '@skills-sichuan/runtime';
import { CountAsked, type RequestContext } from '@skills-sichuan/subgraph-kit';
import { Brand } from '../brand/brand.entity';
import { brandOf } from '../brand/brand.loader';
import { Organization } from '../organization/organization.stub';
import { IpRegistration } from './ip-registration.entity';
import { registrationsOf } from './ip-registration.loader';
import {
  ChangeIpRegistrationStatusInput,
  FileIpRegistrationInput,
  IpRegistrationConnection,
  IpRegistrationsArgs,
} from './ip-registration.input';
import { changeIpRegistrationStatus, fileIpRegistration, listIpRegistrations } from './ip-registration.service';

@Resolver(() => IpRegistration)
export class IpRegistrationResolver {
  @Query(() => IpRegistrationConnection, { description: 'Trademark and patent registrations (商标专利), newest application first' })
  ipRegistrations(
    @Ctx() ctx: RequestContext,
    @Args() args: IpRegistrationsArgs,
    @CountAsked() counted: boolean,
  ): Promise<IpRegistrationConnection> {
    return listIpRegistrations(ctx, { ...args, counted });
  }

  @FieldResolver(() => Brand)
  brand(@Root() registration: IpRegistration, @Ctx() ctx: RequestContext): Promise<Brand> {
    return brandOf(ctx, registration.brandId);
  }

  @FieldResolver(() => Organization, { nullable: true })
  holder(@Root() registration: IpRegistration): Organization {
    return Organization.reference(registration.holderId);
  }

  @Authorized(Role.PROVINCIAL_ADMIN)
  @Mutation(() => IpRegistration, { description: 'Records a trademark or patent application (APPLIED)' })
  fileIpRegistration(@Ctx() ctx: RequestContext, @Arg('input') input: FileIpRegistrationInput): Promise<IpRegistration> {
    return fileIpRegistration(ctx, input);
  }

  @Authorized(Role.PROVINCIAL_ADMIN)
  @Mutation(() => IpRegistration, { description: 'APPLIED → GRANTED (with expiresOn) or GRANTED → EXPIRED, effective on the day given' })
  changeIpRegistrationStatus(
    @Ctx() ctx: RequestContext,
    @Arg('input') { id, status, effectiveOn, expiresOn }: ChangeIpRegistrationStatusInput,
  ): Promise<IpRegistration> {
    return changeIpRegistrationStatus(ctx, id, status, effectiveOn, expiresOn);
  }
}

@Resolver(() => Brand)
export class BrandIpResolver {
  @Directive('@listSize(assumedSize: 10, requireOneSlicingArgument: false)')
  @FieldResolver(() => [IpRegistration], { description: 'its trademarks and patents, newest application first' })
  ipRegistrations(@Root() brand: Brand, @Ctx() { loaders }: RequestContext): Promise<IpRegistration[]> {
    return loaders.of(registrationsOf).load(brand.id);
  }
}
