import { Field, ID, InputType } from 'type-graphql';
import { DateScalar } from '@skills-sichuan/runtime';
import { BrandElementKind } from './brand-element.entity';

@InputType({ description: 'A new version of one element of a brand' })
export class ReviseBrandElementInput {
  @Field(() => ID)
  brandId: string;

  @Field(() => BrandElementKind)
  kind: BrandElementKind;

  @Field({ description: 'the text (name, slogan) or the asset path of the artwork (logo, symbol)' })
  content: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => DateScalar)
  adoptedOn: string;
}
