import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One person-time (人次): a trainee's place in a program. */
@Entity('training_record')
export class TrainingRecord {
  @PrimaryColumn('varchar', { length: 36 })
  id: string;

  @Index('ix_training_record_program')
  @Column('varchar', { name: 'program_id', length: 36 })
  programId: string;

  @Column('boolean')
  completed: boolean;

  @Column('date', { name: 'completed_on', nullable: true })
  completedOn: string | null;
}
