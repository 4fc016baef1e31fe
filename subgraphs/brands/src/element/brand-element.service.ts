import { randomUUID } from 'node:crypto';
import { badInput, conflict, constraintViolated } from '@skills-sichuan/runtime';
import { type RequestContext } from '@skills-sichuan/subgraph-kit';
import { existingBrand } from '../brand/brand.service';
import { BrandElement, BrandElementKind } from './brand-element.entity';
import type { ReviseBrandElementInput } from './brand-element.input';

/** Adds the next version of a brand element; earlier versions stay as they were. */
export async function reviseBrandElement(ctx: RequestContext, input: ReviseBrandElementInput): Promise<BrandElement> {
  await existingBrand(ctx, input.brandId);
  const content = input.content.trim();
  if (content.length === 0 || content.length > 2000) throw badInput('content must be 1–2000 characters', { field: 'content' });
  if (
    (input.kind === BrandElementKind.LOGO || input.kind === BrandElementKind.SYMBOL) &&
    !/^brand-assets\/[\w./-]+\.(svg|png)$/.test(content)
  ) {
    throw badInput('a logo or symbol is the path of its artwork, e.g. "brand-assets/NEW_FARMER/logo-v2.svg"', { field: 'content' });
  }
  return ctx.db.transaction(async (manager) => {
    const repository = manager.getRepository(BrandElement);
    const latest = await repository.findOne({ where: { brandId: input.brandId, kind: input.kind }, order: { version: 'DESC' } });
    if (latest && input.adoptedOn < latest.adoptedOn) {
      throw badInput(`adoptedOn must not precede the current version’s (${latest.adoptedOn})`, { field: 'adoptedOn' });
    }
    const element = repository.create({
      id: randomUUID(),
      brandId: input.brandId,
      kind: input.kind,
      version: (latest?.version ?? 0) + 1,
      content,
      description: input.description?.trim() || null,
      adoptedOn: input.adoptedOn,
    });
    try {
      await repository.insert(element);
    } catch (err) {
      // two revisions at once: the second finds its version number taken
      if (constraintViolated(err) === 'unique') throw conflict('the element was revised at the same moment; read it again and retry');
      throw err;
    }
    return element;
  });
}
