const HEX = '0123456789abcdef';

/**
 * A seeded pseudo-random stream (sfc32). Each kind of record draws from its own stream,
 * derived from the program seed and a label, so adding a kind never reshuffles another.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** `key`: one stream of many under the label (see keyed) */
  constructor(seed: number, label = '', key?: string) {
    if (key === undefined) {
      // FNV-1a over the label, mixed with the seed, spreads four words of state
      let h = 0x811c9dc5 ^ seed;
      for (const ch of label) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
      this.a = h >>> 0;
      this.b = Math.imul(h ^ 0x9e3779b9, 0x85ebca6b) >>> 0;
      this.c = Math.imul(h ^ 0xc2b2ae35, 0x27d4eb2f) >>> 0;
      this.d = (seed ^ 0x165667b1) >>> 0;
    } else {
      // four independent hashes of label and key, one a word of state
      const text = `${label}/${key}`;
      [this.a, this.b, this.c, this.d] = [0x811c9dc5 ^ seed, 0x9e3779b9, 0x85ebca6b, 0xc2b2ae35].map((start, lane) => {
        let h = start ^ Math.imul(lane + 1, 0x27d4eb2f);
        for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
        // murmur3's finaliser: every bit of the text reaches every bit of the word
        h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
        h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
        return (h ^ (h >>> 16)) >>> 0;
      });
    }
    for (let i = 0; i < 12; i++) this.next();
  }

  /**
   * A stream of its own for one of many keys (a program's person-times, by program id): label and
   * key spread over all 128 bits of state. The label's 32-bit hash alone would give two of a
   * hundred thousand keys the same stream (the birthday bound: likely past 77,000).
   */
  static keyed(seed: number, label: string, key: string): Random {
    return new Random(seed, label, key);
  }

  /** a float in [0, 1) */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** an integer from min to max, both included */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** a shuffled copy (Fisher–Yates) */
  shuffled<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** a version-4-shaped UUID, reproducible from the seed */
  uuid(): string {
    // 32 draws, one a hex digit, the version and variant digits drawn and then set: built in one pass (the seed makes millions)
    let id = '';
    for (let i = 0; i < 32; i++) {
      const digit = Math.floor(this.next() * 16);
      id += HEX[i === 12 ? 4 : i === 16 ? (digit & 0x3) | 0x8 : digit];
      if (i === 7 || i === 11 || i === 15 || i === 19) id += '-';
    }
    return id;
  }

  /** a calendar date (YYYY-MM-DD) between two dates, both included */
  date(from: string, to: string): string {
    const start = Date.parse(`${from}T00:00:00Z`);
    const end = Date.parse(`${to}T00:00:00Z`);
    const day = this.int(0, Math.round((end - start) / 86_400_000));
    return new Date(start + day * 86_400_000).toISOString().slice(0, 10);
  }
}
