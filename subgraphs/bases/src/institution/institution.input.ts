import { Field, ID, InputType } from 'type-graphql';
import { RosterStatus } from '../roster/roster.enums';
import { ServiceType } from './institution.enums';

@InputType({ description: 'Which institutions to list; every field given narrows the list' })
export class InstitutionFilter {
  @Field(() => [ID], { nullable: true, description: 'only these institutions (at most 500)' })
  ids?: string[] | null;

  @Field(() => ServiceType, { nullable: true, description: 'those offering this service' })
  service?: ServiceType | null;

  @Field(() => String, { nullable: true, description: 'GB/T 2260 code of a 市州, e.g. "510100"' })
  cityCode?: string | null;

  @Field(() => RosterStatus, { nullable: true, description: 'omitted: every status' })
  status?: RosterStatus | null;

  @Field(() => ID, { nullable: true, description: 'those serving this brand' })
  brandId?: string | null;

  @Field(() => ID, { nullable: true, description: "an organisation's institutions" })
  organizationId?: string | null;
}
