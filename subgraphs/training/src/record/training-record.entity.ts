import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { registerEnumType } from 'type-graphql';
import { TrainingProgram } from '../program/training-program.entity';

export enum CertificateType {
  SKILL_LEVEL = 'SKILL_LEVEL',
  SPECIAL_ABILITY = 'SPECIAL_ABILITY',
  TRAINING = 'TRAINING',
}
registerEnumType(CertificateType, {
  name: 'CertificateType',
  description: 'The certificate a completed training earned',
  valuesConfig: {
    SKILL_LEVEL: { description: '职业技能等级证书' },
    SPECIAL_ABILITY: { description: '专项职业能力证书' },
    TRAINING: { description: '培训合格证书' },
  },
});

export enum EmploymentOutcome {
  EMPLOYED = 'EMPLOYED',
  SELF_EMPLOYED = 'SELF_EMPLOYED',
  RETAINED = 'RETAINED',
  FURTHER_STUDY = 'FURTHER_STUDY',
  SEEKING = 'SEEKING',
}
registerEnumType(EmploymentOutcome, {
  name: 'EmploymentOutcome',
  description: 'What a trainee did after training (就业促进)',
  valuesConfig: {
    EMPLOYED: { description: '实现就业' },
    SELF_EMPLOYED: { description: '自主创业' },
    RETAINED: { description: '在岗提升（已就业）' },
    FURTHER_STUDY: { description: '继续学习' },
    SEEKING: { description: '求职中' },
  },
});

/**
 * One person-time (人次): a trainee's place in a program. The table keeps the trainee's
 * personal data protected (trainee/personal-data.ts); the public type is TrainingRecordView.
 */
@Entity('training_record')
@Index('uq_training_record_trainee', ['identityHash', 'programId'], { unique: true })
@Index('ix_training_record_program_id', ['programId', 'id'])
export class TrainingRecord {
  @PrimaryColumn('varchar', { length: 36 })
  id: string;

  @Column('varchar', { name: 'program_id', length: 36 })
  programId: string;

  /** joined where records are listed, to scope them and prime the program loader */
  @ManyToOne(() => TrainingProgram)
  @JoinColumn({ name: 'program_id' })
  program?: TrainingProgram;

  @Column('boolean')
  completed: boolean;

  @Column('date', { name: 'completed_on', nullable: true })
  completedOn: string | null;

  @Column('varchar', { name: 'trainee_name', length: 40, nullable: true })
  traineeName: string | null;

  @Column('varchar', { name: 'identity_hash', length: 64, nullable: true })
  identityHash: string | null;

  @Column('varchar', { name: 'identity_masked', length: 18, nullable: true })
  identityMasked: string | null;

  @Column('varchar', { name: 'phone_masked', length: 11, nullable: true })
  phoneMasked: string | null;

  @Column('varchar', { name: 'personal_cipher', length: 255, nullable: true })
  personalCipher: string | null;

  @Column('varchar', { length: 32, nullable: true })
  certificate: CertificateType | null;

  @Column('varchar', { name: 'certificate_number', length: 40, nullable: true })
  certificateNumber: string | null;

  @Column('varchar', { length: 24, nullable: true })
  employment: EmploymentOutcome | null;
}
