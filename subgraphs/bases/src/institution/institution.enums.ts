import { registerEnumType } from 'type-graphql';

export enum ServiceType {
  TRAINING = 'TRAINING',
  EVALUATION = 'EVALUATION',
  COMPETITION = 'COMPETITION',
  EMPLOYMENT_PROMOTION = 'EMPLOYMENT_PROMOTION',
}
registerEnumType(ServiceType, { name: 'ServiceType', description: '培训、评价、竞赛、就业促进' });
