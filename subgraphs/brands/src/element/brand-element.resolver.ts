import { Arg, Authorized, Ctx, Directive, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Role } from '@skills-sichuan/runtime';
import { type RequestContext } from '@skills-sichuan/subgraph-kit';
import { Brand } from '../brand/brand.entity';
import { BrandElement, BrandElementKind } from './brand-element.entity';
import { ReviseBrandElementInput } from './brand-element.input';
import { currentElementsOf, elementHistoryOf } from './brand-element.loader';
import { reviseBrandElement } from './brand-element.service';

@Resolver(() => Brand)
export class BrandElementResolver {
  @Directive('@listSize(assumedSize: 4, requireOneSlicingArgument: false)')
  @FieldResolver(() => [BrandElement], { description: 'The current version of each element: name, logo, symbol, slogan' })
  elements(@Root() brand: Brand, @Ctx() { loaders }: RequestContext): Promise<BrandElement[]> {
    return loaders.of(currentElementsOf).load(brand.id);
  }

  @Directive('@listSize(assumedSize: 10, requireOneSlicingArgument: false)')
  @FieldResolver(() => [BrandElement], { description: 'Every version of one element, newest first' })
  elementHistory(
    @Root() brand: Brand,
    @Ctx() { loaders }: RequestContext,
    @Arg('kind', () => BrandElementKind) kind: BrandElementKind,
  ): Promise<BrandElement[]> {
    return loaders.of(elementHistoryOf).load({ brandId: brand.id, kind });
  }

  @Authorized(Role.PROVINCIAL_ADMIN)
  @Mutation(() => BrandElement, { description: 'Adopts a new version of a brand element (名称, 标识, 符号, slogan)' })
  reviseBrandElement(@Ctx() ctx: RequestContext, @Arg('input') input: ReviseBrandElementInput): Promise<BrandElement> {
    return reviseBrandElement(ctx, input);
  }
}
