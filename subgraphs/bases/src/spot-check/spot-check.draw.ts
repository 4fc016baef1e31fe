import { createHash, createHmac } from 'node:crypto';
import { RosterSubjectType } from '../roster/roster-decision.entity';

/**
 * 抽查复核 (三(三)): the annual spot-check sample, as a pure function of the roster, the year
 * and a seed, so that anyone holding the three recomputes the same sample.
 *
 * 1. Each ACTIVE subject is in one stratum: the public brand (五大技能公共品牌) of its brand — a
 *    sub-brand's subjects count with their public brand; an institution serving several brand
 *    families counts with the family whose public brand id sorts first.
 * 2. The size is split over the strata: one each first (every public brand is checked every
 *    year), the rest in proportion to each stratum's remaining subjects, by largest remainder
 *    (ties: stratum id ascending).
 * 3. Within a stratum, subjects are ranked by their key, HMAC-SHA-256 keyed with the seed's
 *    UTF-8 bytes over `<year>:<subject id>`, as lowercase hex, ascending; the first of each
 *    stratum are drawn. Ranks across the sample follow the same order.
 *    (`printf '%s' '2025:<id>' | openssl dgst -sha256 -hmac '<seed>'` gives one key.)
 */
export const SPOT_CHECK_ALGORITHM = 'HMAC-SHA256/brand-strata/v1';

/** One subject of the roster a sample is drawn from. */
export interface RosterEntry {
  subjectType: RosterSubjectType;
  subjectId: string;
  /** the public brand it is stratified under */
  stratum: string;
}

export interface DrawnMember extends RosterEntry {
  /** 1 for the subject with the smallest key in the sample */
  rank: number;
  sortKey: string;
}

export interface DrawnStratum {
  stratum: string;
  rosterSize: number;
  sampled: number;
}

export interface SpotCheckDraw {
  members: DrawnMember[];
  /** by stratum id */
  strata: DrawnStratum[];
  rosterDigest: string;
}

/** A subject's key in a year's draw: the order within a stratum. */
export function spotCheckKey(seed: string, year: number, subjectId: string): string {
  return createHmac('sha256', Buffer.from(seed, 'utf8')).update(`${year}:${subjectId}`).digest('hex');
}

/** SHA-256 over the roster's sorted `<type>:<id>:<stratum>` lines, each ending in a line feed: the roster a sample was drawn from, without storing it. */
export function rosterDigest(roster: readonly RosterEntry[]): string {
  const lines = roster.map((e) => `${e.subjectType}:${e.subjectId}:${e.stratum}\n`).sort();
  return createHash('sha256').update(lines.join(''), 'utf8').digest('hex');
}

/**
 * How many to draw from a roster of `rosterSize` in `strata` strata: the size asked, or the
 * rate's share rounded up (a positive rate draws at least one), raised to one per stratum,
 * never more than the roster.
 */
export function sampleSize(rosterSize: number, strata: number, ask: { rate?: number | null; size?: number | null }): number {
  // less a hair, so that 0.1 × 30 (3.0000000000000004 in binary floating point) is 3, not 4
  const asked = ask.size ?? Math.ceil((ask.rate ?? 0) * rosterSize - 1e-9);
  return Math.min(rosterSize, Math.max(asked, strata));
}

/** How many each stratum gives to a sample of `size` (at least one per stratum, at most its subjects): stratum → count. */
export function allocate(strata: readonly { stratum: string; rosterSize: number }[], size: number): Map<string, number> {
  const sorted = [...strata].filter((s) => s.rosterSize > 0).sort((a, b) => compare(a.stratum, b.stratum));
  const total = sorted.reduce((n, s) => n + s.rosterSize, 0);
  if (size < sorted.length || size > total)
    throw new RangeError(`a sample of ${size} cannot give one to each of ${sorted.length} strata from ${total}`);
  // one each, then the rest in proportion to what each stratum has left; integer arithmetic, so every run agrees
  const rest = size - sorted.length;
  const left = total - sorted.length;
  const shares = sorted.map((s) => {
    const numerator = rest * (s.rosterSize - 1);
    return { stratum: s.stratum, count: 1 + (left ? Math.floor(numerator / left) : 0), remainder: left ? numerator % left : 0 };
  });
  let missing = size - shares.reduce((n, s) => n + s.count, 0);
  for (const share of [...shares].sort((a, b) => b.remainder - a.remainder || compare(a.stratum, b.stratum))) {
    if (missing-- <= 0) break;
    share.count++;
  }
  return new Map(shares.map((s) => [s.stratum, s.count]));
}

/** The sample of `size` a year and seed draw from a roster: the same for the same three, whatever order the roster comes in. */
export function drawSpotCheck(roster: readonly RosterEntry[], draw: { year: number; seed: string; size: number }): SpotCheckDraw {
  const keyed = roster.map((entry) => ({ ...entry, sortKey: spotCheckKey(draw.seed, draw.year, entry.subjectId) }));
  keyed.sort((a, b) => compare(a.sortKey, b.sortKey) || compare(a.subjectId, b.subjectId));
  const byStratum = new Map<string, typeof keyed>();
  for (const entry of keyed) {
    const entries = byStratum.get(entry.stratum);
    if (entries) entries.push(entry);
    else byStratum.set(entry.stratum, [entry]);
  }
  const strata = [...byStratum].map(([stratum, entries]) => ({ stratum, rosterSize: entries.length }));
  const counts = allocate(strata, draw.size);
  const chosen = new Set([...byStratum].flatMap(([stratum, entries]) => entries.slice(0, counts.get(stratum))));
  return {
    members: keyed.filter((e) => chosen.has(e)).map((e, i) => ({ ...e, rank: i + 1 })),
    strata: strata.map((s) => ({ ...s, sampled: counts.get(s.stratum) ?? 0 })).sort((a, b) => compare(a.stratum, b.stratum)),
    rosterDigest: rosterDigest(roster),
  };
}

/** Code-unit order, the same in every locale (localeCompare is not). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
