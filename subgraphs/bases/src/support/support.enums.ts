import { registerEnumType } from 'type-graphql';

/**
 * The kinds of policy support (政策支持) a subject may hold. The plan says support is given "按规定"
 * (二(六)) and withdrawn with disqualification (三(三)) without listing kinds: these are the
 * program office's configuration, not the plan's.
 */
export enum SupportKind {
  TRAINING_SUBSIDY = 'TRAINING_SUBSIDY',
  CONSTRUCTION_FUNDING = 'CONSTRUCTION_FUNDING',
  HIGH_SKILL_BASE_PRIORITY = 'HIGH_SKILL_BASE_PRIORITY',
  COMPETITION_SUPPORT = 'COMPETITION_SUPPORT',
  PROMOTION = 'PROMOTION',
}
registerEnumType(SupportKind, {
  name: 'SupportKind',
  description: "kinds of policy support: the program office's configuration (the plan names none)",
  valuesConfig: {
    TRAINING_SUBSIDY: { description: '培训补贴' },
    CONSTRUCTION_FUNDING: { description: '基地建设资金' },
    HIGH_SKILL_BASE_PRIORITY: { description: '优先创建高技能人才培训基地、竞赛集训基地和大师工作室 (二(六))' },
    COMPETITION_SUPPORT: { description: '职业技能竞赛活动支持' },
    PROMOTION: { description: '品牌宣传推广支持' },
  },
});

export enum SupportStatus {
  ACTIVE = 'ACTIVE',
  /** past its validTo */
  EXPIRED = 'EXPIRED',
  /** withdrawn by a roster decision (取消资格和政策支持) */
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(SupportStatus, { name: 'SupportStatus', description: 'EXPIRED and ACTIVE are read from the dates' });
