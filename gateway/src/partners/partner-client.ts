import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { ErrorCode, isClientError } from '@skills-sichuan/runtime';
import type { GatewayContext } from '../context';
import { callerOf, ServiceClient, type ServiceDeps } from '../services/service-client';
import type { PartnerCredentials, PartnerIdentity } from './credentials';

/** What the gateway needs to call one partner, as the registry says it now. */
export interface PartnerSettings extends PartnerIdentity {
  timeoutMs: number;
}

/** The active partners' settings by name, replaced whenever a registry revision is served. */
export class PartnerDirectory {
  private settings = new Map<string, PartnerSettings>();
  constructor(private readonly defaultTimeoutMs: number) {}

  replace(partners: PartnerSettings[]): void {
    this.settings = new Map(partners.map((p) => [p.name, p]));
  }

  list(): PartnerSettings[] {
    return [...this.settings.values()];
  }

  get(name: string): PartnerSettings | undefined {
    return this.settings.get(name);
  }

  has(name: string): boolean {
    return this.settings.has(name);
  }

  timeoutOf(name: string): number {
    return this.settings.get(name)?.timeoutMs ?? this.defaultTimeoutMs;
  }
}

/**
 * How the gateway calls a partner's subgraph: with a token signed by that partner's own
 * secret, telling it the viewer's role and a pseudonym (and only what the registry grants
 * beyond), bounded by the partner's timeout. Whatever goes wrong there ends as
 * SUBGRAPH_UNAVAILABLE naming the partner, for its fields alone.
 */
export class PartnerClient extends ServiceClient {
  constructor(
    url: string,
    deps: ServiceDeps,
    service: string,
    private readonly directory: PartnerDirectory,
    private readonly credentials: PartnerCredentials,
  ) {
    super(url, deps, service, () => directory.timeoutOf(service));
  }

  protected get label() {
    return `partner "${this.service}"`;
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const headers = request.http?.headers;
    const partner = this.directory.get(this.service);
    if (!headers || !partner) return;
    const { requestId, viewer } = callerOf(context);
    headers.set('x-request-id', requestId);
    headers.set('authorization', `Bearer ${await this.credentials.token(partner, viewer, this.bodyOf(request), requestId)}`);
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    // a partner removed from the registry a moment ago, in a plan made before: its fields are simply unavailable
    if (!this.directory.has(this.service)) return { errors: [this.unavailable('is no longer in the graph')] };
    const response = await super.process(options);
    if (!response.errors) return response;
    // the partner's own errors: its client errors pass as they are; anything else is its failure, not ours, and says so
    return {
      ...response,
      errors: response.errors.map((error) =>
        isClientError(error) || error.extensions?.code === ErrorCode.SUBGRAPH_UNAVAILABLE
          ? error
          : { ...this.unavailable('answered with an error'), path: error.path },
      ),
    };
  }

  /** a partner refusing our token (401, 403) is the partner's configuration or ours: its fields are unavailable either way */
  protected override refused(status: number, body: unknown): GatewayGraphQLResponse {
    if (status === 401 || status === 403) return { errors: [this.unavailable(`refused the gateway's token (HTTP ${status})`)] };
    return super.refused(status, body);
  }
}
