import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '@skills-sichuan/runtime';
import { Cached, CacheFor } from '@skills-sichuan/subgraph-kit';

export enum BrandElementKind {
  NAME = 'NAME',
  LOGO = 'LOGO',
  SYMBOL = 'SYMBOL',
  SLOGAN = 'SLOGAN',
}
registerEnumType(BrandElementKind, { name: 'BrandElementKind', description: '品牌要素: 名称, 标识, 符号, 口号' });

/** One version of one element of a brand's identity; a revision adds a version and keeps the old ones. */
@Entity('brand_element')
@Index('uq_brand_element_version', ['brandId', 'kind', 'version'], { unique: true })
@ObjectType({ description: 'A version of a brand element (名称, 标识, 符号, slogan)' })
@Cached(CacheFor.reference)
export class BrandElement {
  @PrimaryColumn('varchar', { length: 36 })
  @Field(() => ID)
  id: string;

  @Column('varchar', { name: 'brand_id', length: 36 })
  brandId: string;

  @Column('varchar', { length: 16 })
  @Field(() => BrandElementKind)
  kind: BrandElementKind;

  @Column('integer')
  @Field(() => Int, { description: '1 for the first, one more for each revision' })
  version: number;

  @Column('text')
  @Field({ description: 'the text (name, slogan) or the asset path of the artwork (logo, symbol)' })
  content: string;

  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'what the element means or why it was revised' })
  description: string | null;

  @Column('date', { name: 'adopted_on' })
  @Field(() => DateScalar)
  adoptedOn: string;
}
