import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Directive, Field, ObjectType } from 'type-graphql';
import { Cached, CacheFor } from '@skills-sichuan/subgraph-kit';

@Entity('city')
@ObjectType({ description: 'One of the 21 市州 of Sichuan' })
@Directive('@key(fields: "code")')
@Cached(CacheFor.reference)
export class City {
  @PrimaryColumn('varchar', { length: 6 })
  @Field({ description: 'GB/T 2260 code, e.g. "510100"' })
  code: string;

  @Column('varchar', { length: 32 })
  @Field({ description: '成都市' })
  name: string;
}
