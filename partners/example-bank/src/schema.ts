import { randomUUID } from 'node:crypto';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLError, parse } from 'graphql';
import type { GatewayViewer } from './verify';

/**
 * The bank's part of the graph: the subsidised loans it grants the graph's bases. Every field
 * it adds to the core's Base is nullable, so that when the bank does not answer only these
 * fields are missing (the registry's checks insist on it).
 */
export const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key"])

  type Base @key(fields: "id") {
    id: ID!
    """subsidised loans the bank has granted for this base, newest first"""
    subsidies: [Subsidy!]
  }

  """a subsidised loan (贴息贷款) granted for a base"""
  type Subsidy {
    id: ID!
    programme: String!
    amountYuan: Int!
    grantedOn: String!
  }

  type Query {
    """the bank's subsidy programmes"""
    subsidyProgrammes: [String!]
  }

  type Mutation {
    """records a subsidy for a base: the bank's own staff only (a PARTNER token of the bank)"""
    grantSubsidy(baseId: ID!, programme: String!, amountYuan: Int!): Subsidy
  }
`);

export interface Subsidy {
  id: string;
  baseId: string;
  programme: string;
  amountYuan: number;
  grantedOn: string;
}

export const PROGRAMMES = ['技能人才培育贴息贷款', '乡村振兴技能基地专项贷款'];

export interface BankContext {
  viewer: GatewayViewer;
  /** this partner's name in the graph's registry */
  name: string;
}

/** The bank keeps its loans in its own systems; here, in memory, for the example. */
export function bankSchema(subsidies: Subsidy[] = []) {
  return buildSubgraphSchema({
    typeDefs,
    resolvers: {
      Base: {
        subsidies: (base: { id: string }) => subsidies.filter((s) => s.baseId === base.id).reverse(),
      },
      Query: {
        subsidyProgrammes: () => PROGRAMMES,
      },
      Mutation: {
        grantSubsidy: (_: unknown, args: { baseId: string; programme: string; amountYuan: number }, ctx: BankContext) => {
          if (ctx.viewer.role !== 'PARTNER' || ctx.viewer.partner !== ctx.name)
            throw new GraphQLError('only the bank’s own staff grant subsidies', { extensions: { code: 'FORBIDDEN' } });
          if (!PROGRAMMES.includes(args.programme))
            throw new GraphQLError(`programme must be one of ${PROGRAMMES.join(', ')}`, { extensions: { code: 'BAD_USER_INPUT' } });
          if (!Number.isInteger(args.amountYuan) || args.amountYuan < 1 || args.amountYuan > 100_000_000)
            throw new GraphQLError('amountYuan must be from 1 to 100,000,000', { extensions: { code: 'BAD_USER_INPUT' } });
          const subsidy = { id: randomUUID(), ...args, grantedOn: new Date().toISOString().slice(0, 10) };
          subsidies.push(subsidy);
          return subsidy;
        },
      },
    } as never,
  });
}
