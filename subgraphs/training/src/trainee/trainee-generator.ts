import { Random } from '@skills-sichuan/subgraph-kit';
import { identityCheckCharacter } from './identity-number';

/** Sichuan's county-level divisions (GB/T 2260) by 市州: where seeded trainees are registered. */
const COUNTIES: Record<string, string[]> = {
  '510100': [
    '510104',
    '510105',
    '510106',
    '510107',
    '510108',
    '510112',
    '510113',
    '510114',
    '510115',
    '510116',
    '510117',
    '510121',
    '510129',
    '510131',
    '510181',
    '510182',
    '510183',
    '510184',
    '510185',
  ],
  '510300': ['510302', '510303', '510304', '510311', '510321', '510322'],
  '510400': ['510402', '510403', '510411', '510421', '510422'],
  '510500': ['510502', '510503', '510504', '510521', '510522', '510524', '510525'],
  '510600': ['510603', '510604', '510623', '510681', '510682', '510683'],
  '510700': ['510703', '510704', '510705', '510722', '510723', '510725', '510726', '510727', '510781'],
  '510800': ['510802', '510811', '510812', '510821', '510822', '510823', '510824'],
  '510900': ['510903', '510904', '510921', '510923', '510981'],
  '511000': ['511002', '511011', '511024', '511025', '511083'],
  '511100': ['511102', '511111', '511112', '511113', '511123', '511124', '511126', '511129', '511132', '511133', '511181'],
  '511300': ['511302', '511303', '511304', '511321', '511322', '511323', '511324', '511325', '511381'],
  '511400': ['511402', '511403', '511421', '511423', '511424', '511425'],
  '511500': ['511502', '511503', '511504', '511523', '511524', '511525', '511526', '511527', '511528', '511529'],
  '511600': ['511602', '511603', '511621', '511622', '511623', '511681'],
  '511700': ['511702', '511703', '511722', '511723', '511724', '511725', '511781'],
  '511800': ['511802', '511803', '511822', '511823', '511824', '511825', '511826', '511827'],
  '511900': ['511902', '511903', '511921', '511922', '511923'],
  '512000': ['512002', '512021', '512022'],
  '513200': [
    '513201',
    '513221',
    '513222',
    '513223',
    '513224',
    '513225',
    '513226',
    '513227',
    '513228',
    '513230',
    '513231',
    '513232',
    '513233',
  ],
  '513300': [
    '513301',
    '513322',
    '513323',
    '513324',
    '513325',
    '513326',
    '513327',
    '513328',
    '513329',
    '513330',
    '513331',
    '513332',
    '513333',
    '513334',
    '513335',
    '513336',
    '513337',
    '513338',
  ],
  '513400': [
    '513401',
    '513402',
    '513422',
    '513423',
    '513424',
    '513425',
    '513426',
    '513427',
    '513428',
    '513429',
    '513430',
    '513431',
    '513432',
    '513433',
    '513434',
    '513435',
    '513436',
    '513437',
  ],
};
const ALL_COUNTIES = Object.values(COUNTIES).flat();

/** Common surnames, the most frequent (in Sichuan) first and repeated to weight them. */
const SURNAMES = [
  ...'陈李王张刘杨黄周吴罗何赵徐'.repeat(3),
  ...'谢邓唐曾胡郭彭蒋冯袁向廖邱余杜肖曹朱马韩高林梁宋郑田任苏程雷龙熊汪魏兰蔡侯范沈钟夏姚付游卿',
];
const GIVEN_MALE = [...'伟强军勇杰涛明超刚磊平斌鹏浩宇俊峰建华国林志文海波辉东兵亮成龙川林洪勤德'];
const GIVEN_FEMALE = [...'芳娜敏静丽艳娟霞燕琴玲婷红梅兰英秀莉雪慧蓉倩春萍琳丹佳欣雨思'];
const MOBILE_PREFIXES = [
  '138',
  '139',
  '135',
  '136',
  '137',
  '150',
  '151',
  '152',
  '158',
  '159',
  '182',
  '183',
  '187',
  '188',
  '130',
  '131',
  '132',
  '155',
  '156',
  '185',
  '186',
  '133',
  '153',
  '180',
  '181',
  '189',
  '177',
  '199',
  '191',
  '198',
];

export interface GeneratedTrainee {
  name: string;
  identityNumber: string;
  phone: string | null;
}

/**
 * Believable trainees, the same for the same seed: a common surname and a one- or
 * two-character given name matching the sex the identity number encodes, a county of the
 * program's 市州 (one in twenty from elsewhere in Sichuan), an age of 18–58 at the
 * program's start, a valid GB 11643 check character, a mobile number for most.
 */
export class TraineeGenerator {
  private readonly rng: Random;

  /** from a seed and label, or a stream given (one program's own: Random.keyed) */
  constructor(seed: number | Random, label = 'training-trainees') {
    this.rng = seed instanceof Random ? seed : new Random(seed, label);
  }

  next(cityCode: string, programStart: string): GeneratedTrainee {
    const rng = this.rng;
    const county = rng.chance(0.95) ? rng.pick(COUNTIES[cityCode] ?? ALL_COUNTIES) : rng.pick(ALL_COUNTIES);
    const startYear = Number(programStart.slice(0, 4));
    // ages cluster in the 30s and 40s: the mean of two uniform draws
    const age = 18 + Math.floor(((rng.next() + rng.next()) / 2) * 41);
    const birth = new Date(Date.UTC(startYear - age, 0, 1) + rng.int(0, 364) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
    const male = rng.chance(0.58);
    const sequence = rng.int(0, 49) * 20 + rng.int(0, 4) * 2 + (male ? 1 : 0);
    const first17 = `${county}${birth}${String(sequence).padStart(3, '0')}`;
    const given = male ? GIVEN_MALE : GIVEN_FEMALE;
    const name = rng.pick(SURNAMES) + rng.pick(given) + (rng.chance(0.7) ? rng.pick(given) : '');
    const phone = rng.chance(0.9) ? `${rng.pick(MOBILE_PREFIXES)}${String(rng.int(0, 99_999_999)).padStart(8, '0')}` : null;
    return { name, identityNumber: first17 + identityCheckCharacter(first17), phone };
  }
}
