import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One accepted composition of the served graph: the core and the partners active at that
 * moment. Revisions only grow; each gateway replica serves the newest it can load.
 */
@Entity('supergraph_revision')
export class SupergraphRevision {
  /** the previous revision + 1, written in the same transaction as the partner change: two writers on one base cannot both win */
  @PrimaryColumn('integer')
  revision: number;

  @Column('text', { name: 'supergraph_sdl' })
  supergraphSdl: string;

  /** SHA-256 of the core supergraph it was composed with: a replica with another core composes for itself */
  @Column('varchar', { name: 'core_hash', length: 64 })
  coreHash: string;

  /** the active partners' names, comma-separated, in composition order */
  @Column('text')
  partners: string;

  /** what changed, e.g. "add bank" */
  @Column('varchar', { length: 200 })
  reason: string;

  @Column('varchar', { name: 'created_at', length: 32 })
  createdAt: string;

  @Column('varchar', { name: 'created_by', length: 160 })
  createdBy: string;
}
