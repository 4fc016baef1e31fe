import { Field, ID, ObjectType } from 'type-graphql';
import { DateScalar, Role, type Viewer } from '@skills-sichuan/runtime';
import type { TrainingProgram } from '../program/training-program.entity';
import { personalDataVault } from '../trainee/personal-data';
import { CertificateType, EmploymentOutcome, type TrainingRecord } from './training-record.entity';

@ObjectType({ description: 'A trainee as a record shows them: identity number and phone masked unless the viewer may see them' })
export class Trainee {
  @Field({ description: '姓名' })
  name: string;

  @Field({ description: '身份证号, e.g. **************1234 when masked' })
  identityNumber: string;

  @Field(() => String, { nullable: true, description: 'e.g. 138****5678 when masked' })
  phone: string | null;

  @Field({ description: 'true when identityNumber and phone are masked' })
  masked: boolean;
}

/** The public shape of a TrainingRecord: the stored row hides its protected columns. */
@ObjectType('TrainingRecord', {
  description: 'One person-time (人次): a trainee in a program, its completion, certificate and employment outcome',
})
export class TrainingRecordView {
  @Field(() => ID)
  id: string;

  programId: string;

  @Field(() => Trainee, { nullable: true, description: 'null only for records kept from before trainee data was collected' })
  trainee: Trainee | null;

  @Field()
  completed: boolean;

  @Field(() => DateScalar, { nullable: true })
  completedOn: string | null;

  @Field(() => CertificateType, { nullable: true })
  certificate: CertificateType | null;

  @Field(() => String, { nullable: true })
  certificateNumber: string | null;

  @Field(() => EmploymentOutcome, { nullable: true, description: 'null until reported' })
  employment: EmploymentOutcome | null;
}

/**
 * Unmasked personal data only for PROVINCIAL_ADMIN and the BASE_OPERATOR of the
 * organisation that runs the program; everyone else who may read records sees them masked.
 */
export function mayUnmask(viewer: Viewer, program: Pick<TrainingProgram, 'providerOrganizationId'>): boolean {
  if (viewer.role === Role.PROVINCIAL_ADMIN) return true;
  return (
    viewer.role === Role.BASE_OPERATOR &&
    program.providerOrganizationId !== null &&
    viewer.organizationId === program.providerOrganizationId
  );
}

/**
 * The identity number as a masked record shows it: its last four characters only. The first
 * 14 are the region (6) and the birth date (8), which is low entropy: a CITY_ADMIN knows the
 * 市州 (about 15 counties, 183 in the province) and can guess an adult's age, so region and
 * date leave about 15 × 14,600 days (ages 18–58) ≈ 220,000 candidates, one in eleven passing
 * the check character shown: ≈ 20,000, and nothing in the graph confirms a guess (lookup by
 * number and writes by number are refused to masked viewers). The stored mask also keeps the
 * first four (the 市州), which the program's city already says; they are not shown.
 */
export const maskIdentityNumber = (stored: string): string => '*'.repeat(Math.max(stored.length - 4, 0)) + stored.slice(-4);

export function recordView(record: TrainingRecord, program: TrainingProgram, viewer: Viewer): TrainingRecordView {
  let trainee: Trainee | null = null;
  if (record.traineeName && record.identityMasked) {
    if (mayUnmask(viewer, program) && record.personalCipher) {
      const { identityNumber, phone } = personalDataVault().reveal(record.personalCipher);
      trainee = { name: record.traineeName, identityNumber, phone, masked: false };
    } else {
      trainee = {
        name: record.traineeName,
        identityNumber: maskIdentityNumber(record.identityMasked),
        phone: record.phoneMasked,
        masked: true,
      };
    }
  }
  return Object.assign(new TrainingRecordView(), {
    id: record.id,
    programId: record.programId,
    trainee,
    completed: record.completed,
    completedOn: record.completedOn,
    certificate: record.certificate,
    certificateNumber: record.certificateNumber,
    employment: record.employment,
  });
}
