import { registerEnumType } from 'type-graphql';

export enum BaseTier {
  MAIN = 'MAIN',
  AUXILIARY = 'AUXILIARY',
}
registerEnumType(BaseTier, { name: 'BaseTier', description: '主基地 or 辅基地' });

/** The fields a base serves (聚焦乡村振兴、先进制造业、现代农业、现代服务业等领域). */
export enum CultivationField {
  RURAL_REVITALIZATION = 'RURAL_REVITALIZATION',
  ADVANCED_MANUFACTURING = 'ADVANCED_MANUFACTURING',
  MODERN_AGRICULTURE = 'MODERN_AGRICULTURE',
  MODERN_SERVICES = 'MODERN_SERVICES',
}
registerEnumType(CultivationField, { name: 'CultivationField', description: '乡村振兴、先进制造业、现代农业、现代服务业' });
