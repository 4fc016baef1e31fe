import { Field, ID, InputType } from 'type-graphql';
import { DateScalar } from '@skills-sichuan/runtime';
import { BaseTier, CultivationField } from '../base/base.enums';
import { ServiceType } from '../institution/institution.enums';
import { ApplicationKind, ApplicationStatus } from './application.entity';

@InputType({ description: '设施设备、场所等培训条件, 课程体系, 组织管理体系: each required for a base' })
export class BaseConditionsInput {
  @Field()
  facilities: string;

  @Field()
  courseSystem: string;

  @Field()
  managementSystem: string;
}

@InputType({ description: 'An application (申报) for a base tier or an institution; what each kind needs is listed per field' })
export class SubmitApplicationInput {
  @Field(() => ApplicationKind)
  kind: ApplicationKind;

  @Field(() => ID, { description: 'the applying organisation: a BASE_OPERATOR’s own, or one in a CITY_ADMIN’s city' })
  organizationId: string;

  @Field({ description: 'the name the base or institution will carry' })
  name: string;

  @Field(() => BaseTier, { nullable: true, description: 'BASE: required; INSTITUTION: none' })
  tier?: BaseTier | null;

  @Field(() => [ID], { description: 'BASE: exactly one brand (public or sub-brand); INSTITUTION: one or more' })
  brandIds: string[];

  @Field(() => BaseConditionsInput, { nullable: true, description: 'BASE: required; INSTITUTION: none' })
  conditions?: BaseConditionsInput | null;

  @Field(() => [CultivationField], { nullable: true, description: 'BASE: at least one; INSTITUTION: none' })
  fields?: CultivationField[] | null;

  @Field(() => [ServiceType], { nullable: true, description: 'INSTITUTION: at least one; BASE: none' })
  services?: ServiceType[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'INSTITUTION: the occupations (职业/工种) it will serve, at least one; BASE: none',
  })
  occupations?: string[] | null;

  @Field(() => String, { nullable: true, description: 'the applicant’s note' })
  note?: string | null;
}

@InputType({ description: 'A step of the selection that needs only an opinion: 初审 passed, or rejected' })
export class ApplicationDecisionInput {
  @Field(() => ID)
  id: string;

  @Field({ description: 'why: required' })
  opinion: string;
}

@InputType({ description: '遴选: selects an application that passed 初审, creating its base or institution' })
export class SelectApplicationInput {
  @Field(() => ID)
  id: string;

  @Field({ description: 'the selection decision’s document, e.g. 川人社函〔2024〕88号' })
  decisionReference: string;

  @Field({ description: 'why: required' })
  opinion: string;

  @Field(() => DateScalar, { nullable: true, description: 'the designation day; default today; not in the future' })
  designatedOn?: string | null;
}

@InputType({ description: 'Which applications to list; a CITY_ADMIN sees its city’s only, a BASE_OPERATOR its organisation’s' })
export class ApplicationFilter {
  @Field(() => ApplicationStatus, { nullable: true })
  status?: ApplicationStatus | null;

  @Field(() => ApplicationKind, { nullable: true })
  kind?: ApplicationKind | null;

  @Field(() => String, { nullable: true })
  cityCode?: string | null;

  @Field(() => ID, { nullable: true })
  organizationId?: string | null;
}
