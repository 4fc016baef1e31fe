import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { DateScalar } from '@skills-sichuan/runtime';
import { CertificateType, EmploymentOutcome } from './training-record.entity';

@InputType({ description: 'One person-time: the trainee and how the training ended' })
export class RecordTrainingInput {
  @Field(() => ID)
  programId: string;

  @Field({ description: '姓名' })
  traineeName: string;

  @Field({ description: '身份证号 (GB 11643); stored encrypted, never logged' })
  identityNumber: string;

  @Field(() => String, { nullable: true, description: 'mobile number; stored encrypted, never logged' })
  phone?: string | null;

  @Field(() => DateScalar, { nullable: true, description: '结业日期; null while the trainee has not completed' })
  completedOn?: string | null;

  @Field(() => CertificateType, { nullable: true, description: 'only for a completed training' })
  certificate?: CertificateType | null;

  @Field(() => String, { nullable: true })
  certificateNumber?: string | null;

  @Field(() => EmploymentOutcome, { nullable: true })
  employment?: EmploymentOutcome | null;
}

@ArgsType()
export class TrainingRecordFilterArgs {
  @Field(() => ID, { nullable: true })
  programId?: string | null;

  @Field(() => String, { nullable: true, description: 'the records of one person (matched by a keyed hash, never stored in clear)' })
  identityNumber?: string | null;

  @Field(() => String, { nullable: true })
  cityCode?: string | null;
}

@InputType({
  description:
    'How a recorded training ended: completion, certificate and employment outcome. A field left out (or null) keeps what is stored.',
})
export class UpdateTrainingOutcomeInput {
  @Field(() => ID)
  recordId: string;

  @Field(() => DateScalar, { nullable: true, description: '结业日期: not before the program starts, not after today in Sichuan' })
  completedOn?: string | null;

  @Field(() => CertificateType, { nullable: true, description: 'only for a completed training' })
  certificate?: CertificateType | null;

  @Field(() => String, { nullable: true, description: 'the certificate’s number; needs a certificate' })
  certificateNumber?: string | null;

  @Field(() => EmploymentOutcome, { nullable: true })
  employment?: EmploymentOutcome | null;
}
