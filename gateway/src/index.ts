export { startGateway, type GatewayOptions } from './gateway';
export { gatewayConfigFromEnv, tokenConfigFromEnv, SCHEMA_DIR, type GatewayConfig } from './config';
export {
  signToken,
  verifyToken,
  TokenError,
  KeySetUnavailable,
  ALGORITHMS,
  type TokenConfig,
  type SecretTokenConfig,
  type JwksTokenConfig,
  type DevelopmentClaims,
} from './auth/jwt';
export { readSupergraphConfig, type SubgraphEntry } from './supergraph/config';
export { composeSupergraph, CompositionError, type SubgraphSdl } from './supergraph/compose';
export { FIRST_QUERY, IDE_EXAMPLES } from './ide/examples';
