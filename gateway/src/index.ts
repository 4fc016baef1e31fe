export { startGateway, type GatewayOptions, type RunningGateway } from './gateway';
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
export { compose, composeSupergraph, CompositionError, type SubgraphSdl } from './supergraph/compose';
export { readCoreGraph, coreGraph, type CoreGraph } from './supergraph/core';
export { REGISTRY_SDL, REGISTRY_SUBGRAPH } from './partners/registry-subgraph';
export { PartnerAdmin, type PartnerInput, type PartnerChange } from './partners/admin';
export { PartnerCredentials, PARTNER_TOKEN_ISSUER } from './partners/credentials';
export type { PartnerReport, Problem } from './partners/checks';
export { GatewayStore } from './store/gateway-store';
export { ViewerGrant, PartnerStatus } from './store/partner.entity';
export { FIRST_QUERY, IDE_EXAMPLES } from './ide/examples';
export { dashboardOperations, DASHBOARD_CLIENT } from './dashboard/dashboard';
export { documentHash } from './operations/registered';
