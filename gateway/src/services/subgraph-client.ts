import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { signViewerHeaders } from '@skills-sichuan/runtime';
import type { GatewayContext } from '../context';
import { callerOf, ServiceClient, type ServiceDeps } from './service-client';

/**
 * How the gateway calls one of our own subgraphs: carrying the request id and the verified
 * viewer, signed with the secret this subgraph shares with the gateway.
 */
export class SubgraphClient extends ServiceClient {
  constructor(
    url: string,
    deps: ServiceDeps,
    service: string,
    timeoutMs: () => number,
    private readonly secret: string,
  ) {
    super(url, deps, service, timeoutMs);
  }

  protected get label() {
    return `the ${this.service} subgraph`;
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http?.headers;
    if (!headers) return;
    const { requestId, viewer } = callerOf(context);
    headers.set('x-request-id', requestId);
    const signed = signViewerHeaders({
      viewer,
      secret: this.secret,
      requestId,
      direction: 'gateway-to-subgraph',
      audience: this.service,
      body: this.bodyOf(request),
    });
    for (const [name, value] of Object.entries(signed)) headers.set(name, value);
  }
}
