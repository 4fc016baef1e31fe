/**
 * Which program a subgraph seeds its empty database with. Each subgraph generates its own
 * records from these options alone, deterministically, and draws what it needs of an
 * upstream subgraph's records from that subgraph's generator: so the ids that cross
 * subgraphs (a Base's brandId, an Assessment's subjectId) agree without any subgraph
 * reading another's database.
 */
export interface ProgramOptions {
  seed: number;
  /** 1 = the plan's scale (about 300,000 person-times); bases, institutions and programs grow with it */
  scale: number;
}

export const DEFAULT_PROGRAM: ProgramOptions = { seed: 2023_12_15, scale: 1 };
