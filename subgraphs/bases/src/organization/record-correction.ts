import { Column, PrimaryColumn } from 'typeorm';
import { Authorized, Directive, Field, Int, ObjectType } from 'type-graphql';
import { Role } from '@skills-sichuan/runtime';

/** One field a correction changed. */
@ObjectType({ description: 'One field a correction changed, with its value before and after' })
export class FieldChange {
  @Field({ description: 'e.g. "contacts[0].phone", "facilities"' })
  field: string;

  @Field(() => String, { nullable: true, description: 'null where the field had no value (a contact added, an empty title)' })
  before: string | null;

  @Field(() => String, { nullable: true, description: 'null where the correction cleared it (a contact removed)' })
  after: string | null;
}

/** A correction (更正) of a record after registration: kept, never overwritten. */
@ObjectType({ description: 'A correction (更正) of a record after registration: what changed, who, when and why' })
export class RecordCorrection {
  @Field(() => Int, { description: '1 for the record’s first correction, then one more for each' })
  seq: number;

  // five contacts of four fields at most, or the conditions' four
  @Directive('@listSize(assumedSize: 20, requireOneSlicingArgument: false)')
  @Field(() => [FieldChange])
  changes: FieldChange[];

  @Field({ description: 'why: required' })
  reason: string;

  @Field({ description: 'the signed-in subject that made it; PROVINCIAL_ADMIN only' })
  @Authorized(Role.PROVINCIAL_ADMIN)
  correctedBy: string;

  @Field({ description: 'the role it acted in' })
  correctorRole: string;

  @Field({ description: 'when: an ISO 8601 instant, e.g. "2026-03-01T08:00:00.000Z"' })
  correctedAt: string;
}

/** Who and when, as every correction records them. */
export function correctorOf(viewer: { subject?: string; role: string }) {
  return { correctedBy: viewer.subject ?? viewer.role, correctorRole: viewer.role, correctedAt: new Date().toISOString() };
}

/** The columns every stored correction has: its order on the record, who made it and when (each table adds what it corrects). */
export abstract class CorrectionRow {
  @PrimaryColumn('varchar', { length: 36 })
  id: string;

  @Column('integer')
  seq: number;

  @Column('varchar', { name: 'corrected_by', length: 128 })
  correctedBy: string;

  @Column('varchar', { name: 'corrector_role', length: 24 })
  correctorRole: string;

  @Column('varchar', { name: 'corrected_at', length: 32 })
  correctedAt: string;
}
