/**
 * The seeded program's calendar. One fact is the plan's own: it was issued on 2023-12-15
 * (《技能四川公共品牌培育三年行动方案》), and nothing of the program happens before it. The rest
 * are the program office's configuration of the seed, not the plan's: the plan names no
 * selection rounds, and sets no reference day.
 */
export const PLAN_ISSUED_ON = '2023-12-15';

/** the two selection rounds (遴选) the seed designates subjects in: each spring after the plan (program office configuration) */
export const SELECTION_ROUNDS = [
  ['2024-04-01', '2024-06-30'],
  ['2025-04-01', '2025-06-30'],
] as const;

/** the plan years of annual spot checks (每年抽查复核) the seed holds: the years up to the plan's 2025 deadline */
export const ASSESSED_YEARS = [2024, 2025] as const;

/** the seed's reference day: everything seeded happened on or before it */
export const SEED_DAY = '2026-11-15';
