import { badInput, exactlyOne, notFound } from '@skills-sichuan/runtime';
import { checkCityCode, readByIds, type RequestContext } from '@skills-sichuan/subgraph-kit';
import type { ProviderType } from './provider.enums';

/** What the bases subgraph says about a base or an institution, read through the graph as the viewer. */
export interface ProviderFacts {
  type: ProviderType;
  id: string;
  organizationId: string;
  cityCode: string;
  status: string;
  brandIds: string[];
  /** an institution's services; every base trains */
  services: string[];
}

export interface ProviderChoice {
  baseId?: string | null;
  institutionId?: string | null;
}

const BASE = '{ id status operator { id } city { code } brand { id } }';
const INSTITUTION = '{ id status organization { id } city { code } services brands { id } }';

/** The provider exactly one of baseId / institutionId names, refused when unknown or not ACTIVE on the roster. */
export async function activeProvider(ctx: RequestContext, choice: ProviderChoice, field: string): Promise<ProviderFacts> {
  const which = exactlyOne({ baseId: choice.baseId, institutionId: choice.institutionId }, field);
  const id = String(choice[which]);
  let facts: ProviderFacts | null;
  if (which === 'baseId') {
    type Answer = { id: string; status: string; operator: { id: string }; city: { code: string }; brand: { id: string } };
    const base = (await readByIds<Answer>(ctx, 'base', [id], BASE)).get(id);
    facts = base
      ? {
          type: 'Base',
          id,
          organizationId: base.operator.id,
          cityCode: base.city.code,
          status: base.status,
          brandIds: [base.brand.id],
          services: ['TRAINING', 'COMPETITION', 'EMPLOYMENT_PROMOTION'],
        }
      : null;
  } else {
    type Answer = {
      id: string;
      status: string;
      organization: { id: string };
      city: { code: string };
      services: string[];
      brands: { id: string }[];
    };
    const i = (await readByIds<Answer>(ctx, 'institution', [id], INSTITUTION)).get(id);
    facts = i
      ? {
          type: 'Institution',
          id,
          organizationId: i.organization.id,
          cityCode: i.city.code,
          status: i.status,
          brandIds: i.brands.map((b) => b.id),
          services: i.services,
        }
      : null;
  }
  if (!facts) throw notFound(`no ${which === 'baseId' ? 'base' : 'institution'} has id ${id}`);
  if (facts.status !== 'ACTIVE')
    throw badInput(
      `the ${facts.type === 'Base' ? 'base' : 'institution'} is ${facts.status} on the roster: only an ACTIVE one may do this`,
      { reason: 'PROVIDER_NOT_ACTIVE' },
    );
  return facts;
}

/** Refuses a viewer acting for a provider outside its organisation (BASE_OPERATOR) or city (CITY_ADMIN). */
export function assertMayActFor(ctx: RequestContext, owner: { organizationId: string | null; cityCode: string }, act: string): void {
  if (ctx.viewer.role === 'BASE_OPERATOR') ctx.viewer.assertOrganization(owner.organizationId ?? '', act);
  ctx.viewer.assertCity(owner.cityCode, act);
}

export interface Hosting {
  hostType: ProviderType | null;
  hostId: string | null;
  organizerOrganizationId: string | null;
  cityCode: string;
}

/**
 * Who holds an event: a base or an institution (ACTIVE, the viewer's own organisation's or
 * in its city) whose city it takes; or, with neither, a city a CITY_ADMIN or
 * PROVINCIAL_ADMIN names (a BASE_OPERATOR always names its host).
 */
export async function hosting(
  ctx: RequestContext,
  choice: { hostBaseId?: string | null; hostInstitutionId?: string | null; cityCode?: string | null },
  act: string,
): Promise<Hosting> {
  if (choice.hostBaseId || choice.hostInstitutionId) {
    const host = await activeProvider(ctx, { baseId: choice.hostBaseId, institutionId: choice.hostInstitutionId }, act);
    assertMayActFor(ctx, host, act);
    if (choice.cityCode && choice.cityCode !== host.cityCode)
      throw badInput(`cityCode ${choice.cityCode} is not the host’s city (${host.cityCode})`, { field: 'cityCode' });
    return { hostType: host.type, hostId: host.id, organizerOrganizationId: host.organizationId, cityCode: host.cityCode };
  }
  if (ctx.viewer.role === 'BASE_OPERATOR')
    throw badInput(`${act}: a BASE_OPERATOR names its base or institution as the host`, { field: 'hostBaseId' });
  if (!choice.cityCode) throw badInput(`${act}: without a host, cityCode is required`, { field: 'cityCode' });
  checkCityCode(choice.cityCode);
  ctx.viewer.assertCity(choice.cityCode, act);
  return { hostType: null, hostId: null, organizerOrganizationId: null, cityCode: choice.cityCode };
}
