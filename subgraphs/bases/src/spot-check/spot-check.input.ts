import { Field, Float, InputType, Int } from 'type-graphql';

@InputType({ description: '抽查复核: which year to draw, and how many — a rate or a size, exactly one' })
export class DrawSpotCheckSampleInput {
  @Field(() => Int, { description: 'a year of the plan, 2024 or 2025, not after this one; one sample per year' })
  year: number;

  @Field(() => Float, {
    nullable: true,
    description: 'the share of ACTIVE subjects to draw, in (0, 1], rounded up — program office configuration: the plan sets no rate',
  })
  rate?: number | null;

  @Field(() => Int, { nullable: true, description: 'how many to draw instead of a rate — program office configuration' })
  size?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'letters, digits and . _ : - (1–64); omitted: a random one is generated. It is stored with the sample',
  })
  seed?: string | null;
}
