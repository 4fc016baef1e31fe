import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '@skills-sichuan/runtime';
import { HostedActivity } from '../provider/hosted-activity';
import { Cached, CacheFor } from '@skills-sichuan/subgraph-kit';

export enum PromotionKind {
  FORUM = 'FORUM',
  INVESTMENT_PROMOTION = 'INVESTMENT_PROMOTION',
  ENTREPRENEURSHIP_EMPLOYMENT = 'ENTREPRENEURSHIP_EMPLOYMENT',
  TALENT_RECRUITMENT = 'TALENT_RECRUITMENT',
  MEDIA_CAMPAIGN = 'MEDIA_CAMPAIGN',
}
registerEnumType(PromotionKind, {
  name: 'PromotionKind',
  description: 'The kinds of brand promotion (宣传推广) the plan names',
  valuesConfig: {
    FORUM: { description: '论坛研讨' },
    INVESTMENT_PROMOTION: { description: '招商发布' },
    ENTREPRENEURSHIP_EMPLOYMENT: { description: '创业就业' },
    TALENT_RECRUITMENT: { description: '人才招聘' },
    MEDIA_CAMPAIGN: { description: '媒体宣传（采风、网络传播）' },
  },
});

@Entity('promotion_event')
@Index('ix_promotion_event_brand', ['brandId', 'heldOn'])
@Index('ix_promotion_event_host', ['hostId'])
@ObjectType({ description: 'A promotion event of a brand and the people it reached' })
@Cached(CacheFor.program)
export class PromotionEvent extends HostedActivity {
  @PrimaryColumn('varchar', { length: 36 })
  @Field(() => ID)
  id: string;

  @Column('varchar', { length: 32 })
  @Field(() => PromotionKind)
  kind: PromotionKind;

  @Column('varchar', { length: 200 })
  @Field()
  title: string;

  @Column('varchar', { name: 'brand_id', length: 36 })
  brandId: string;

  @Column('date', { name: 'held_on' })
  @Field(() => DateScalar)
  heldOn: string;

  @Column('integer')
  @Field(() => Int, { description: 'people reached: attendees, or views of a media campaign' })
  reach: number;
}
