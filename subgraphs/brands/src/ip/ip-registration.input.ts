import { ArgsType, Field, ID, InputType, ObjectType } from 'type-graphql';
import { DateScalar } from '@skills-sichuan/runtime';
import { Connection, PageArgs } from '@skills-sichuan/subgraph-kit';
import { IpKind, IpRegistration, IpStatus } from './ip-registration.entity';

@ArgsType()
export class IpRegistrationsArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  brandId?: string;

  @Field(() => IpKind, { nullable: true })
  kind?: IpKind;

  @Field(() => IpStatus, { nullable: true })
  status?: IpStatus;
}

@ObjectType()
export class IpRegistrationConnection extends Connection(IpRegistration) {}

@InputType({ description: 'A trademark or patent application for a brand product' })
export class FileIpRegistrationInput {
  @Field(() => IpKind)
  kind: IpKind;

  @Field({ description: '申请号, unique for its kind' })
  registrationNumber: string;

  @Field()
  title: string;

  @Field(() => ID)
  brandId: string;

  @Field(() => ID, { description: 'the organisation that holds it' })
  holderId: string;

  @Field(() => DateScalar)
  appliedOn: string;
}

@InputType({ description: 'A move of a registration along APPLIED → GRANTED → EXPIRED' })
export class ChangeIpRegistrationStatusInput {
  @Field(() => ID)
  id: string;

  @Field(() => IpStatus)
  status: IpStatus;

  @Field(() => DateScalar, { description: 'the day it is granted or expires' })
  effectiveOn: string;

  @Field(() => DateScalar, { nullable: true, description: 'with GRANTED: the end of protection' })
  expiresOn?: string | null;
}
