import type { Logger } from '@skills-sichuan/runtime';
import type { EntityManager } from 'typeorm';
import { addDays, CITIES, insertMany, PLAN_ISSUED_ON, Random, SELECTION_ROUNDS, type ProgramOptions } from '@skills-sichuan/subgraph-kit';
import { BaseTier, generateRoster, OrganizationKind } from '@skills-sichuan/bases/seed';
import { Brand } from './brand/brand.entity';
import { BrandLevel, Provenance } from './brand/brand.enums';
import { BrandElement, BrandElementKind } from './element/brand-element.entity';
import { InfringementFinding, InfringementReport, InfringementStatus } from './infringement/infringement-report.entity';
import { IpKind, IpRegistration, IpStatus } from './ip/ip-registration.entity';
import { LicenceStatus, UsageLicence } from './licence/usage-licence.entity';
import { Standard, StandardBrand, StandardCategory, StandardDrafter, StandardStatus } from './standard/standard.entity';
import { generateBrands, type BrandSeed } from './seed/brands.generator';
import { ClusterUsageStandard, UsageQualification } from './usage/usage-rule.entity';
import { QualificationKind } from './usage/usage-rule.enums';

/** What each public brand says of itself, and where its industry clusters are (plan 二(一), 二(五)). */
const BRAND_VOICE: Record<string, { slogans: [string, string]; clusters: [string, string][]; products: string[]; patents: string[] }> = {
  NEW_FARMER: {
    slogans: ['新农人 新天府', '天府新农人，乡村振兴好帮手'],
    clusters: [
      ['雅安藏茶产业集群', '511800'],
      ['眉山泡菜产业集群', '511400'],
    ],
    products: ['天府新农人', '天府新农人·川茶'],
    patents: ['一种山地茶园智能灌溉装置', '一种生猪养殖环境监测系统'],
  },
  CONSTRUCTION_WORKER: {
    slogans: ['匠心筑天府', '天府建筑工，品质筑未来'],
    clusters: [
      ['成都装配式建筑产业集群', '510100'],
      ['宜宾绿色建材产业集群', '511500'],
    ],
    products: ['天府建筑工', '天府建筑工·装配式'],
    patents: ['一种装配式墙板快速定位安装工装', '一种钢筋绑扎质量检测装置'],
  },
  SICHUAN_CHEF: {
    slogans: ['川菜香天下', '川菜大师傅，味道传四方'],
    clusters: [
      ['郫都川菜产业集群', '510100'],
      ['自贡盐帮菜产业集群', '510300'],
    ],
    products: ['川菜大师傅', '川菜大师傅·火锅'],
    patents: ['一种火锅底料自动炒制装置', '一种川式面点蒸制控温装置'],
  },
  TECHNICIAN: {
    slogans: ['技能成就梦想', '天府技工，智造四川'],
    clusters: [
      ['德阳重大装备制造产业集群', '510600'],
      ['宜宾新能源汽车产业集群', '511500'],
    ],
    products: ['天府技工', '天府技工·装备制造'],
    patents: ['一种焊接实训安全防护工位', '一种新能源汽车电池包拆装实训台'],
  },
  DIGITAL_CRAFTSMAN: {
    slogans: ['数智赋能 匠心未来', '天府数智工匠，数字四川新引擎'],
    clusters: [
      ['成都电子信息产业集群', '510100'],
      ['绵阳智能终端产业集群', '510700'],
    ],
    products: ['天府数智工匠', '天府数智工匠·工业互联网'],
    patents: ['一种工业互联网设备数据采集实训平台', '一种人工智能数据标注质量评估方法'],
  },
};

const QUALIFICATIONS = [
  '在四川省内依法登记注册，统一社会信用代码有效',
  '近三年未被列入严重失信主体名单，已签署品牌信用承诺书',
  '具备与品牌职业（工种）相适应的实训场地、设施设备和师资',
  '上一年度评估验收结果为合格及以上',
];

const CATEGORY_TITLE: Record<StandardCategory, string> = {
  CULTIVATION: '培育规范',
  MANAGEMENT: '品牌管理办法',
  EVALUATION: '培育质量评价规范',
};

const addYears = (date: string, years: number) => addDays(`${Number(date.slice(0, 4)) + years}${date.slice(4)}`, -1);

/**
 * The brands subgraph's records of the program: the brand matrix (its generator), and around
 * it the elements, standards, IP and usage records of each brand, which name the bases
 * subgraph's organisations and follow its bases (their generator: the same ids as there).
 */
export async function seedBrands(manager: EntityManager, options: ProgramOptions, log: Logger): Promise<void> {
  const brands = generateBrands(options);
  const { organizations, bases } = generateRoster(options);
  const rng = new Random(options.seed, 'brands-usage');
  const { scale } = options;
  const positions = new Map<string | null, number>();
  await insertMany(
    manager,
    Brand,
    brands.map((b) => {
      const position = positions.get(b.parentId) ?? 0;
      positions.set(b.parentId, position + 1);
      return Object.assign(new Brand(), {
        id: b.id,
        code: b.code,
        name: b.name,
        level: b.level,
        sector: b.sector,
        parentId: b.parentId,
        position,
        targetPersonTimes: b.targetPersonTimes,
        targetDeadline: b.targetDeadline,
        provenance: b.provenance,
        targetProvenance: b.targetProvenance,
        targetCountsFrom: b.targetCountsFrom,
      });
    }),
  );

  const publicBrands = brands.filter((b) => b.level === BrandLevel.PUBLIC_BRAND);
  const familyOf = (brand: BrandSeed) => brands.filter((b) => b.id === brand.id || b.parentId === brand.id);
  const operatorsOf = (brand: BrandSeed) => {
    const family = new Set(familyOf(brand).map((b) => b.id));
    return [...new Set(bases.filter((b) => family.has(b.brandId)).map((b) => b.operatorId))];
  };
  const associationOf = (brand: BrandSeed, index: number) =>
    organizations.filter((o) => o.kind === OrganizationKind.INDUSTRY_ASSOCIATION)[index];

  // brand elements: every brand's name, logo, symbol and slogan; the public brands' slogans and logos optimised in 2025
  const elements: BrandElement[] = [];
  const element = (
    brand: BrandSeed,
    kind: BrandElementKind,
    version: number,
    content: string,
    adoptedOn: string,
    description: string | null,
  ) =>
    elements.push(Object.assign(new BrandElement(), { id: rng.uuid(), brandId: brand.id, kind, version, content, description, adoptedOn }));
  for (const brand of brands) {
    const voice = BRAND_VOICE[brand.code];
    if (brand.provenance === Provenance.PLAN)
      element(brand, BrandElementKind.NAME, 1, brand.name, PLAN_ISSUED_ON, '《技能四川公共品牌培育三年行动方案》确定的品牌名称');
    else element(brand, BrandElementKind.NAME, 1, brand.name, '2024-03-01', '品牌培育办公室确定的子品牌名称（行动方案未列子品牌）');
    element(
      brand,
      BrandElementKind.SYMBOL,
      1,
      `brand-assets/${brand.code}/symbol-v1.svg`,
      '2024-03-01',
      '以芙蓉花与齿轮为基本形的品牌符号',
    );
    element(brand, BrandElementKind.LOGO, 1, `brand-assets/${brand.code}/logo-v1.svg`, '2024-03-01', '首版标识');
    element(brand, BrandElementKind.SLOGAN, 1, voice ? voice.slogans[0] : `${brand.name}，技能四川好品牌`, '2024-03-01', null);
    if (voice) {
      element(
        brand,
        BrandElementKind.LOGO,
        2,
        `brand-assets/${brand.code}/logo-v2.svg`,
        '2025-05-20',
        '优化标识：统一技能四川主色，提升小尺寸识别度',
      );
      element(brand, BrandElementKind.SLOGAN, 2, voice.slogans[1], '2025-05-20', '优化口号：突出品牌服务产业、服务就业的定位');
    }
  }
  await insertMany(manager, BrandElement, elements);

  // the standard system: one shared standard, and per public brand cultivation (revised), management and evaluation (with a new draft) standards
  const standards: Standard[] = [];
  const links: StandardBrand[] = [];
  const drafters: StandardDrafter[] = [];
  const standard = (fields: Partial<Standard>, brands: BrandSeed[], drafterIds: string[]) => {
    const row = Object.assign(new Standard(), { id: rng.uuid(), publishedOn: null, retiredOn: null, supersedesId: null, ...fields });
    standards.push(row);
    for (const b of brands) links.push(Object.assign(new StandardBrand(), { standardId: row.id, brandId: b.id }));
    for (const organizationId of new Set(drafterIds))
      drafters.push(Object.assign(new StandardDrafter(), { standardId: row.id, organizationId }));
    return row;
  };
  const bureau = organizations.find((o) => o.kind === OrganizationKind.CITY_BUREAU)!;
  standard(
    {
      code: 'T/SCJN 001',
      title: '技能四川公共品牌标识使用管理规范',
      category: StandardCategory.MANAGEMENT,
      status: StandardStatus.PUBLISHED,
      version: '1.0',
      publishedOn: '2024-03-01',
    },
    publicBrands,
    [bureau.id, ...publicBrands.map((_, i) => associationOf(publicBrands[i], i).id)],
  );
  publicBrands.forEach((brand, i) => {
    const n = i + 1;
    const subs = familyOf(brand).filter((b) => b.id !== brand.id);
    const drafterIds = [associationOf(brand, i).id, ...operatorsOf(brand).slice(0, 2)];
    const first = standard(
      {
        code: `T/SCJN ${n}01`,
        title: `${brand.name}${CATEGORY_TITLE.CULTIVATION}`,
        category: StandardCategory.CULTIVATION,
        status: StandardStatus.RETIRED,
        version: '1.0',
        publishedOn: '2024-04-15',
        retiredOn: '2025-06-30',
      },
      [brand],
      drafterIds,
    );
    standard(
      {
        code: `T/SCJN ${n}01`,
        title: `${brand.name}${CATEGORY_TITLE.CULTIVATION}（2025年修订）`,
        category: StandardCategory.CULTIVATION,
        status: StandardStatus.PUBLISHED,
        version: '2.0',
        publishedOn: '2025-06-30',
        supersedesId: first.id,
      },
      [brand, ...subs],
      drafterIds,
    );
    const evaluation = standard(
      {
        code: `T/SCJN ${n}03`,
        title: `${brand.name}${CATEGORY_TITLE.EVALUATION}`,
        category: StandardCategory.EVALUATION,
        status: StandardStatus.PUBLISHED,
        version: '1.0',
        publishedOn: '2024-09-01',
      },
      [brand],
      drafterIds,
    );
    standard(
      {
        code: `T/SCJN ${n}02`,
        title: `${brand.name}${CATEGORY_TITLE.MANAGEMENT}`,
        category: StandardCategory.MANAGEMENT,
        status: StandardStatus.PUBLISHED,
        version: '1.0',
        publishedOn: '2024-05-10',
      },
      [brand],
      drafterIds,
    );
    if (n % 2 === 1) {
      standard(
        {
          code: evaluation.code,
          title: `${brand.name}${CATEGORY_TITLE.EVALUATION}（征求意见稿）`,
          category: StandardCategory.EVALUATION,
          status: StandardStatus.DRAFT,
          version: '1.1',
          supersedesId: evaluation.id,
        },
        [brand],
        drafterIds,
      );
    }
  });
  await insertMany(
    manager,
    Standard,
    standards.filter((s) => !s.supersedesId),
  );
  await insertMany(
    manager,
    Standard,
    standards.filter((s) => s.supersedesId),
  );
  await insertMany(manager, StandardBrand, links);
  await insertMany(manager, StandardDrafter, drafters);

  // IP: each public brand's marks granted in 2024 (one older mark expired), new applications in 2025, patents of its bases
  const registrations: IpRegistration[] = [];
  let serial = 0;
  for (const brand of publicBrands) {
    const voice = BRAND_VOICE[brand.code];
    const holders = operatorsOf(brand);
    const registration = (
      kind: IpKind,
      title: string,
      status: IpStatus,
      appliedOn: string,
      grantedOn: string | null,
      expiresOn: string | null,
      holderId: string,
    ) =>
      registrations.push(
        Object.assign(new IpRegistration(), {
          id: rng.uuid(),
          kind,
          title,
          brandId: brand.id,
          holderId,
          status,
          appliedOn,
          grantedOn,
          expiresOn,
          registrationNumber:
            kind === IpKind.TRADEMARK
              ? `TM${String(71_000_000 + (serial += 1) * 7919).padStart(8, '0')}`
              : `ZL2024${String(10_000_000 + (serial += 1) * 104_729).slice(0, 8)}.${rng.int(0, 9)}`,
        }),
      );
    const associationId = associationOf(brand, publicBrands.indexOf(brand)).id;
    registration(
      IpKind.TRADEMARK,
      `“${voice.products[0]}”文字及图形商标（第41类 教育培训）`,
      IpStatus.GRANTED,
      '2024-01-08',
      '2024-10-20',
      '2034-10-19',
      associationId,
    );
    registration(IpKind.TRADEMARK, `“${voice.products[1]}”商标（第35类）`, IpStatus.APPLIED, '2025-07-01', null, null, associationId);
    registration(
      IpKind.TRADEMARK,
      `“${brand.name}”试用标识（第41类）`,
      IpStatus.EXPIRED,
      '2023-12-18',
      '2024-03-20',
      '2025-06-30',
      associationId,
    );
    for (const title of voice.patents) {
      const granted = rng.chance(0.6);
      registration(
        IpKind.PATENT,
        title,
        granted ? IpStatus.GRANTED : IpStatus.APPLIED,
        rng.date('2024-02-01', '2024-12-31'),
        granted ? rng.date('2025-03-01', '2025-10-31') : null,
        granted ? '2034-12-31' : null,
        rng.pick(holders),
      );
    }
  }
  await insertMany(manager, IpRegistration, registrations);

  // usage: qualification conditions (one withdrawn and replaced), cluster usage standards
  const qualifications: UsageQualification[] = [];
  const clusters: ClusterUsageStandard[] = [];
  for (const brand of publicBrands) {
    QUALIFICATIONS.forEach((requirement, i) =>
      qualifications.push(
        Object.assign(new UsageQualification(), {
          id: rng.uuid(),
          brandId: brand.id,
          requirement,
          effectiveFrom: '2024-03-01',
          withdrawnOn: i === 3 ? '2025-06-30' : null,
          kind: QualificationKind.ATTESTED,
          minimumCreditLevel: null,
        }),
      ),
    );
    qualifications.push(
      Object.assign(new UsageQualification(), {
        id: rng.uuid(),
        brandId: brand.id,
        requirement: '最近两个年度评估验收结果均为合格及以上，且无重大群体性事件',
        effectiveFrom: '2025-07-01',
        withdrawnOn: null,
        kind: QualificationKind.PASSED_LATEST_ASSESSMENT,
        minimumCreditLevel: null,
      }),
    );
    for (const [cluster, cityCode] of BRAND_VOICE[brand.code].clusters) {
      clusters.push(
        Object.assign(new ClusterUsageStandard(), {
          id: rng.uuid(),
          brandId: brand.id,
          cluster,
          cityCode,
          effectiveFrom: '2024-09-01',
          requirements: `${cluster}内企业使用“${brand.name}”品牌，须与品牌培育基地签订产训合作协议，年度品牌培训不少于100人次，并在产品和服务中规范标注品牌标识。`,
        }),
      );
    }
  }
  await insertMany(manager, UsageQualification, qualifications);
  await insertMany(manager, ClusterUsageStandard, clusters);

  // licences: a base's operator is licensed from its designation for three years (some one-year pilots of the first
  // round expired); a roster decision then suspends or revokes them as a live one does, through the event it publishes
  const licences: UsageLicence[] = [];
  const sequence = new Map<string, number>();
  const brandById = new Map(brands.map((b) => [b.id, b]));
  for (const base of bases) {
    const brand = brandById.get(base.brandId)!;
    const code = brand.code.split('.')[0];
    const pilot = base.designatedOn < SELECTION_ROUNDS[1][0] && rng.chance(0.3);
    const validTo = pilot ? addYears(base.designatedOn, 1) : addYears(base.designatedOn, 3);
    const year = base.designatedOn.slice(0, 4);
    const n = (sequence.get(`${code}-${year}`) ?? 0) + 1;
    sequence.set(`${code}-${year}`, n);
    licences.push(
      Object.assign(new UsageLicence(), {
        id: rng.uuid(),
        licenceNumber: `${code}-${year}-${String(n).padStart(4, '0')}`,
        brandId: brands.find((b) => b.code === code)!.id,
        licenseeId: base.operatorId,
        scope: `在${brand.name}培育${base.tier === BaseTier.MAIN ? '主' : '辅'}基地的培训、宣传和证书中使用品牌名称及标识`,
        validFrom: base.designatedOn,
        validTo,
        storedStatus: LicenceStatus.ACTIVE,
        revokedOn: null,
        revocationReason: null,
        revokedByDecisionId: null,
        suspendedOn: null,
        suspendedByDecisionId: null,
        suspendedWithSubjectId: null,
      }),
    );
  }
  await insertMany(manager, UsageLicence, licences);

  // infringement reports at every stage
  const reports: InfringementReport[] = [];
  const REPORTERS = ['群众举报（匿名）', '市场监督管理局转办', '行业协会巡查发现', '培育基地举报'];
  for (const brand of publicBrands) {
    const count = Math.max(3, Math.round(6 * scale));
    for (let i = 0; i < count; i++) {
      const city = rng.pick(CITIES);
      const filedOn = rng.date('2024-06-01', '2025-11-30');
      const stage = i % 3;
      const finding = rng.chance(0.7) ? InfringementFinding.CONFIRMED : InfringementFinding.UNFOUNDED;
      const startedOn = stage >= 1 ? addDays(filedOn, rng.int(3, 20)) : null;
      reports.push(
        Object.assign(new InfringementReport(), {
          id: rng.uuid(),
          brandId: brand.id,
          reporter: rng.pick(REPORTERS),
          cityCode: city.code,
          filedOn,
          suspect: `${city.name}某${rng.pick(['培训机构', '餐饮店', '劳务公司', '网店'])}`,
          description: `在宣传材料中擅自使用“${brand.name}”名称及标识，声称其培训为品牌培训。`,
          status: [InfringementStatus.FILED, InfringementStatus.INVESTIGATING, InfringementStatus.CONCLUDED][stage],
          investigationStartedOn: startedOn,
          finding: stage === 2 ? finding : null,
          conclusion:
            stage === 2
              ? finding === InfringementFinding.CONFIRMED
                ? '经查属实，已责令停止使用并移送市场监管部门处理。'
                : '经查，相关方持有有效品牌使用许可，举报不实。'
              : null,
          concludedOn: stage === 2 ? addDays(startedOn!, rng.int(10, 60)) : null,
        }),
      );
    }
  }
  await insertMany(manager, InfringementReport, reports);
  log.info(
    {
      elements: elements.length,
      standards: standards.length,
      registrations: registrations.length,
      licences: licences.length,
      reports: reports.length,
    },
    'brands seeded',
  );
}
