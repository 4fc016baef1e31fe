import { Column, PrimaryColumn } from 'typeorm';
import { Field, ID, ObjectType } from 'type-graphql';
import type { SubjectType } from './subject.enums';

/** The columns of a record kept about an organisation: its id, and its city as the graph gave it when written (what a CITY_ADMIN may read). */
@ObjectType() // never emitted itself: only the records that extend it are reachable
export abstract class OrganizationRecord {
  @PrimaryColumn('varchar', { length: 36 })
  @Field(() => ID)
  id: string;

  @Column('varchar', { name: 'organization_id', length: 36 })
  organizationId: string;

  @Column('varchar', { name: 'city_code', length: 6 })
  cityCode: string;
}

/** An organisation's record that may concern one of its bases or institutions. */
@ObjectType() // never emitted itself: only the records that extend it are reachable
export abstract class SubjectRecord extends OrganizationRecord {
  @Column('varchar', { name: 'subject_type', length: 16, nullable: true })
  subjectType: SubjectType | null;

  @Column('varchar', { name: 'subject_id', length: 36, nullable: true })
  subjectId: string | null;
}
