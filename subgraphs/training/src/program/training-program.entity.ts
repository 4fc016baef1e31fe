import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '@skills-sichuan/kit';

export type ProviderType = 'Base' | 'Institution';

@Entity('training_program')
@Index('ix_training_program_brand', ['brandId', 'year', 'cityCode'])
@ObjectType({ description: 'A training program (培训班) run by a base or an institution' })
export class TrainingProgram {
  @PrimaryColumn('varchar', { length: 36 })
  @Field(() => ID)
  id: string;

  /** a brand of the brands subgraph, by id */
  @Column('varchar', { name: 'brand_id', length: 36 })
  brandId: string;

  @Column('varchar', { name: 'provider_type', length: 16 })
  providerType: ProviderType;

  @Index('ix_training_program_provider')
  @Column('varchar', { name: 'provider_id', length: 36 })
  providerId: string;

  /** the provider's city, fixed when the program is registered */
  @Column('varchar', { name: 'city_code', length: 6 })
  cityCode: string;

  @Column('varchar', { length: 60 })
  @Field({ description: '职业（工种）' })
  occupation: string;

  @Column('integer')
  @Field(() => Int, { description: '职业技能等级: 5 (初级工) to 1 (高级技师)' })
  level: number;

  /** the plan year the program's person-times count toward: the year it starts */
  @Column('integer')
  @Field(() => Int)
  year: number;

  @Column('date', { name: 'start_on' })
  @Field(() => DateScalar)
  startOn: string;

  @Column('date', { name: 'end_on' })
  @Field(() => DateScalar)
  endOn: string;

  @Column('integer')
  @Field(() => Int)
  capacity: number;
}
