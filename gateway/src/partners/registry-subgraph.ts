import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { parse, type GraphQLSchema } from 'graphql';
import { DomainError, ErrorCode, Role, type Viewer } from '@skills-sichuan/runtime';
import type { GatewayContext } from '../context';
import { grantsOf, PartnerStatus, type Partner } from '../store/partner.entity';
import type { GatewayStore } from '../store/gateway-store';
import type { PartnerAdmin, PartnerChange, PartnerInput } from './admin';
import type { SupergraphLayout } from '../supergraph/layout';

/** The registry subgraph's name in the supergraph; it is served inside the gateway, not over HTTP. */
export const REGISTRY_SUBGRAPH = 'registry';

/**
 * The partner registry as part of the graph, for the program office: PROVINCIAL_ADMIN checks,
 * adds and removes partners here as `npm run partner` does, and a partner publishes its own
 * new schema with its PARTNER token. Composed into the core like our other subgraphs.
 */
export const REGISTRY_SDL = `extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.14", import: ["@listSize"])

type Query {
  """every partner the registry knows, active or removed (PROVINCIAL_ADMIN)"""
  partners(status: PartnerStatus): [Partner!]! @listSize(assumedSize: 50, requireOneSlicingArgument: false)
  """one partner (PROVINCIAL_ADMIN, or that partner's own PARTNER token)"""
  partner(name: String!): Partner
  """the served graph's latest revisions, newest first (PROVINCIAL_ADMIN)"""
  supergraphRevisions(first: Int! = 10): [SupergraphRevision!]! @listSize(slicingArguments: ["first"])
}

type Mutation {
  """what adding (or publishing) the partner's schema would find; changes nothing"""
  checkPartner(name: String!, routingUrl: String!): PartnerReport!
  """adds a partner whose schema passes every check; refused with PARTNER_REFUSED and every reason otherwise"""
  addPartner(input: AddPartnerInput!): PartnerChange!
  """serves the schema the partner's service serves now, if it passes the checks again (PROVINCIAL_ADMIN, or the partner itself)"""
  publishPartnerSchema(name: String!): PartnerChange!
  """takes the partner out of the graph; refused while a registered client operation reads its fields, unless force"""
  removePartner(name: String!, force: Boolean! = false): PartnerChange!
  """registers a client's operations, which the partner checks then protect; answers how many were new"""
  registerClientOperations(client: String!, documents: [String!]!): Int!
}

enum PartnerStatus {
  ACTIVE
  REMOVED
}

"""what a partner is told of a viewer beyond its role and a pseudonym"""
enum ViewerGrant {
  ORGANIZATION
  CITY
  SUBJECT
}

"""a partner agency's subgraph in the registry"""
type Partner {
  name: String!
  routingUrl: String!
  """the agency, e.g. 四川天府银行"""
  owner: String!
  contact: String!
  status: PartnerStatus!
  """a fetch slower than this ends its fields as SUBGRAPH_UNAVAILABLE"""
  timeoutMs: Int!
  grants: [ViewerGrant!]!
  """the schema last accepted"""
  sdl: String!
  """the coordinates it serves in the graph now, e.g. Base.subsidies"""
  fields: [String!]! @listSize(assumedSize: 100, requireOneSlicingArgument: false)
  """ISO 8601 instants"""
  addedAt: String!
  updatedAt: String!
  updatedBy: String!
}

"""what the checks found; nothing is changed by a check"""
type PartnerReport {
  partner: String!
  accepted: Boolean!
  problems: [PartnerProblem!]! @listSize(assumedSize: 20, requireOneSlicingArgument: false)
  """composition's hints: composed, but worth a look"""
  hints: [String!]!
  fields: [String!]!
}

type PartnerProblem {
  """a stable code, e.g. OVERRIDES_CORE_FIELD (docs/partners.md lists them)"""
  code: String!
  """the field, type or operation it is about, e.g. Base.name"""
  coordinate: String
  message: String!
}

type PartnerChange {
  partner: Partner!
  report: PartnerReport!
  """the served graph's revision after the change"""
  revision: Int!
  """the secret to hand the partner: given once, by addPartner"""
  secret: String
}

type SupergraphRevision {
  revision: Int!
  reason: String!
  partners: [String!]!
  createdAt: String!
  createdBy: String!
}

input AddPartnerInput {
  name: String!
  routingUrl: String!
  owner: String!
  contact: String!
  timeoutMs: Int
  grants: [ViewerGrant!]
}
`;

const refuse = (message: string) => new DomainError(ErrorCode.FORBIDDEN, message, { reason: 'ROLE' });
function requireAdmin(viewer: Viewer | undefined, act: string): string {
  if (!viewer || viewer.role === Role.PUBLIC) throw new DomainError(ErrorCode.UNAUTHENTICATED, `${act} needs a PROVINCIAL_ADMIN token`);
  if (viewer.role !== Role.PROVINCIAL_ADMIN) throw refuse(`${act} is for PROVINCIAL_ADMIN`);
  return viewer.subject ?? 'PROVINCIAL_ADMIN';
}
const isPartnerItself = (viewer: Viewer | undefined, name: string) => viewer?.role === Role.PARTNER && viewer.partner === name;

export interface RegistrySubgraphDeps {
  admin: PartnerAdmin;
  store: GatewayStore;
  /** the served graph's layout, for the coordinates each partner serves */
  layout: () => SupergraphLayout;
  /** asks this replica to serve a change now rather than at its next poll */
  changed: () => Promise<void>;
}

/** The registry subgraph's schema, resolved against the gateway's store. */
export function registrySchema(deps: RegistrySubgraphDeps): GraphQLSchema {
  const { admin, store } = deps;
  const partnerFields = (partner: Partner) => {
    const coordinates: string[] = [];
    if (partner.status !== PartnerStatus.ACTIVE) return coordinates;
    const layout = deps.layout();
    // what it adds to the graph's own types and roots; its own types hang off those
    for (const [typeName, type] of layout.types) {
      if (![...type.owners].some((owner) => owner !== partner.name)) continue;
      for (const [fieldName, field] of type.fields)
        if (field.owners.size === 1 && field.owners.has(partner.name)) coordinates.push(`${typeName}.${fieldName}`);
    }
    return coordinates;
  };
  const after = async (change: PartnerChange, secret?: string) => {
    await deps.changed();
    return { ...change, secret };
  };
  const resolvers = {
    Query: {
      partners: (_: unknown, args: { status?: PartnerStatus }, ctx: GatewayContext) => {
        requireAdmin(ctx.viewer, 'partners');
        return store.partners(args.status);
      },
      partner: async (_: unknown, args: { name: string }, ctx: GatewayContext) => {
        if (!isPartnerItself(ctx.viewer, args.name)) requireAdmin(ctx.viewer, 'partner');
        return store.partner(args.name);
      },
      supergraphRevisions: async (_: unknown, args: { first: number }, ctx: GatewayContext) => {
        requireAdmin(ctx.viewer, 'supergraphRevisions');
        if (!Number.isInteger(args.first) || args.first < 1 || args.first > 100)
          throw new DomainError(ErrorCode.BAD_USER_INPUT, `first must be from 1 to 100, got ${args.first}`);
        return store.revisions(args.first);
      },
    },
    Mutation: {
      checkPartner: (_: unknown, args: { name: string; routingUrl: string }, ctx: GatewayContext) => {
        requireAdmin(ctx.viewer, 'checkPartner');
        return admin.check(args.name, args.routingUrl);
      },
      addPartner: async (_: unknown, args: { input: PartnerInput }, ctx: GatewayContext) => {
        const by = requireAdmin(ctx.viewer, 'addPartner');
        const change = await admin.add(args.input, by);
        return after(change, await admin.secretFor(change.partner.name));
      },
      publishPartnerSchema: async (_: unknown, args: { name: string }, ctx: GatewayContext) => {
        const by = isPartnerItself(ctx.viewer, args.name) ? `partner:${args.name}` : requireAdmin(ctx.viewer, 'publishPartnerSchema');
        return after(await admin.publish(args.name, by));
      },
      removePartner: async (_: unknown, args: { name: string; force: boolean }, ctx: GatewayContext) => {
        const by = requireAdmin(ctx.viewer, 'removePartner');
        return after(await admin.remove(args.name, { force: args.force }, by));
      },
      registerClientOperations: async (_: unknown, args: { client: string; documents: string[] }, ctx: GatewayContext) => {
        const by = requireAdmin(ctx.viewer, 'registerClientOperations');
        return admin.register(args.client, args.documents, by);
      },
    },
    Partner: {
      grants: (partner: Partner) => grantsOf(partner),
      fields: (partner: Partner) => partnerFields(partner),
    },
    SupergraphRevision: {
      partners: (revision: { partners: string }) => (revision.partners ? revision.partners.split(',') : []),
    },
  };
  return buildSubgraphSchema({ typeDefs: parse(REGISTRY_SDL), resolvers: resolvers as unknown as GraphQLResolverMap<unknown> });
}
