import { registerEnumType } from 'type-graphql';

export enum OrganizationKind {
  CITY_BUREAU = 'CITY_BUREAU',
  COLLEGE = 'COLLEGE',
  ENTERPRISE = 'ENTERPRISE',
  INDUSTRY_ASSOCIATION = 'INDUSTRY_ASSOCIATION',
  TRAINING_INSTITUTION = 'TRAINING_INSTITUTION',
}
registerEnumType(OrganizationKind, { name: 'OrganizationKind', description: '培育主体的类别' });
