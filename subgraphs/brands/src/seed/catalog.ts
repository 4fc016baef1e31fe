import { PLAN_ISSUED_ON } from '@skills-sichuan/subgraph-kit';
import { IndustrySector } from '../brand/brand.enums';

/**
 * The brand matrix the program seeds. The plan of 2023-12-15 fixes the five public brands
 * and their 2025 targets (二、主要目标) and nothing below them: every sub-brand, its name and
 * the two sub-brand targets here are the program office's configuration, seeded as such
 * (Provenance.PROGRAM_OFFICE), not the plan's.
 */
export interface BrandFact {
  code: string;
  name: string;
  sector: IndustrySector;
  /** the plan's target: training person-times by 2025-12-31 */
  target?: number;
  /** 职业（工种） its programs train for (the program office's choice: the plan names none) */
  occupations: string[];
  /** the program office's sub-brands; a sub-brand's target, where it has one, is the office's too */
  subBrands: { suffix: string; name: string; sector: IndustrySector; target?: number }[];
}

/** 到2025年底: the plan's deadline for its targets */
export const TARGET_DEADLINE = '2025-12-31';
/** the plan's issue date: its targets count training from it */
export const TARGET_COUNTS_FROM = PLAN_ISSUED_ON;

export const BRAND_FACTS: readonly BrandFact[] = [
  {
    code: 'NEW_FARMER',
    name: '天府新农人',
    sector: IndustrySector.PRIMARY,
    target: 50_000,
    occupations: ['农业经理人', '家畜饲养员', '茶叶加工工', '农产品食品检验员', '电子商务师'],
    subBrands: [
      { suffix: 'TEA', name: '川茶新农人', sector: IndustrySector.PRIMARY },
      { suffix: 'LIVESTOCK', name: '天府养殖能手', sector: IndustrySector.PRIMARY },
      { suffix: 'RURAL_ECOMMERCE', name: '农村电商新农人', sector: IndustrySector.TERTIARY },
    ],
  },
  {
    code: 'CONSTRUCTION_WORKER',
    name: '天府建筑工',
    sector: IndustrySector.SECONDARY,
    target: 150_000,
    occupations: ['砌筑工', '钢筋工', '混凝土工', '装配式建筑施工员', '建筑信息模型技术员'],
    subBrands: [
      { suffix: 'PREFAB', name: '装配式建筑工匠', sector: IndustrySector.SECONDARY },
      { suffix: 'DECORATION', name: '天府装饰工', sector: IndustrySector.SECONDARY },
      { suffix: 'SMART_BUILD', name: '智能建造技工', sector: IndustrySector.SECONDARY, target: 8_000 },
    ],
  },
  {
    code: 'SICHUAN_CHEF',
    name: '川菜大师傅',
    sector: IndustrySector.TERTIARY,
    target: 25_000,
    occupations: ['中式烹调师', '中式面点师', '营养配餐员', '餐厅服务员'],
    subBrands: [
      { suffix: 'HOTPOT', name: '川味火锅师', sector: IndustrySector.TERTIARY, target: 4_000 },
      { suffix: 'PASTRY', name: '川式面点师', sector: IndustrySector.TERTIARY },
      { suffix: 'SNACKS', name: '川味小吃师傅', sector: IndustrySector.TERTIARY },
    ],
  },
  {
    code: 'TECHNICIAN',
    name: '天府技工',
    sector: IndustrySector.SECONDARY,
    target: 50_000,
    occupations: ['焊工', '车工', '电工', '汽车维修工', '养老护理员'],
    subBrands: [
      { suffix: 'EQUIPMENT', name: '装备制造技工', sector: IndustrySector.SECONDARY },
      { suffix: 'NEW_ENERGY_VEHICLE', name: '新能源汽车技工', sector: IndustrySector.SECONDARY },
      { suffix: 'ELDERLY_CARE', name: '天府养老护理员', sector: IndustrySector.TERTIARY },
    ],
  },
  {
    code: 'DIGITAL_CRAFTSMAN',
    name: '天府数智工匠',
    sector: IndustrySector.SECONDARY,
    target: 25_000,
    occupations: ['工业互联网工程技术人员', '人工智能训练师', '集成电路工程技术人员', '数据标注员', '智能制造工程技术人员'],
    subBrands: [
      { suffix: 'INDUSTRIAL_INTERNET', name: '工业互联网工匠', sector: IndustrySector.SECONDARY },
      { suffix: 'INTEGRATED_CIRCUIT', name: '集成电路工匠', sector: IndustrySector.SECONDARY },
      { suffix: 'AI_TRAINER', name: '人工智能训练师', sector: IndustrySector.TERTIARY },
    ],
  },
];
