import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { DateScalar } from '@skills-sichuan/runtime';
import { RosterStatus } from '../roster/roster.enums';
import { ServiceType } from './institution.enums';
import { Cached, CacheFor } from '@skills-sichuan/subgraph-kit';

@Entity('institution')
@ObjectType({ description: 'An operating institution (作业机构) serving one or more brands' })
@Directive('@key(fields: "id")')
@Cached(CacheFor.program)
export class Institution {
  @PrimaryColumn('varchar', { length: 36 })
  @Field(() => ID)
  id: string;

  @Column('varchar', { length: 200 })
  @Field()
  name: string;

  @Index('ix_institution_organization')
  @Column('varchar', { name: 'organization_id', length: 36 })
  organizationId: string;

  @Column('varchar', { name: 'city_code', length: 6 })
  cityCode: string;

  @Column('varchar', { length: 16 })
  @Field(() => RosterStatus)
  status: RosterStatus;

  @Column('date', { name: 'designated_on' })
  @Field(() => DateScalar)
  designatedOn: string;
}

/** The services an institution is selected for. */
@Entity('institution_service')
export class InstitutionService {
  @PrimaryColumn('varchar', { name: 'institution_id', length: 36 })
  institutionId: string;

  @PrimaryColumn('varchar', { length: 24 })
  service: ServiceType;
}

/** The brands an institution serves (brands of the brands subgraph, by id). */
@Entity('institution_brand')
@Index('ix_institution_brand_brand', ['brandId'])
export class InstitutionBrand {
  @PrimaryColumn('varchar', { name: 'institution_id', length: 36 })
  institutionId: string;

  @PrimaryColumn('varchar', { name: 'brand_id', length: 36 })
  brandId: string;
}

/** The occupations (职业/工种) an institution serves. */
@Entity('institution_occupation')
export class InstitutionOccupation {
  @PrimaryColumn('varchar', { name: 'institution_id', length: 36 })
  institutionId: string;

  @PrimaryColumn('varchar', { length: 60 })
  occupation: string;
}
