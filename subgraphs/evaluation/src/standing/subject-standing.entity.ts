import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A subject's place on the roster as evaluation must know it (kept by the bases subgraph's
 * roster events): disqualified from a day, or back. No assessment is recorded for a year after
 * the one it was disqualified in (三(三): 取消其相关资格).
 */
@Entity('subject_standing')
export class SubjectStanding {
  @PrimaryColumn('varchar', { name: 'subject_id', length: 36 })
  subjectId: string;

  @Column('varchar', { name: 'subject_type', length: 16 })
  subjectType: string;

  /** null: on the roster again */
  @Column('date', { name: 'disqualified_on', nullable: true })
  disqualifiedOn: string | null;

  @Column('varchar', { name: 'decision_id', length: 36 })
  decisionId: string;

  /** the roster decision's place in the subject's history: an older event arriving late changes nothing */
  @Column('integer', { name: 'subject_seq' })
  subjectSeq: number;
}
