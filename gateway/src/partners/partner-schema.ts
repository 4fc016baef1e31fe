import { Viewer } from '@skills-sichuan/runtime';
import type { PartnerCredentials, PartnerIdentity } from './credentials';

/** the partner's SDL is read with the query every Federation 2 library answers */
const SERVICE_QUERY = 'query PartnerSchema { _service { sdl } }';
/** a partner's schema is a few kilobytes; anything near this is not one */
const MAX_SDL_BYTES = 1024 * 1024;

export class PartnerUnreachable extends Error {
  override name = 'PartnerUnreachable';
}

/** Asks the partner's service for its SDL, as the gateway would call it (its token, its timeout): the schema it serves now. */
export async function fetchPartnerSdl(
  partner: PartnerIdentity & { routingUrl: string; timeoutMs: number },
  credentials: PartnerCredentials,
): Promise<string> {
  const body = JSON.stringify({ query: SERVICE_QUERY });
  const requestId = `partner-check-${Date.now()}`;
  let response: Response;
  try {
    response = await fetch(partner.routingUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-request-id': requestId,
        authorization: `Bearer ${await credentials.token(partner, Viewer.public(), body, requestId)}`,
      },
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(partner.timeoutMs),
    });
  } catch (err) {
    const reason = (err as Error).name === 'TimeoutError' ? `did not answer within ${partner.timeoutMs} ms` : 'could not be reached';
    throw new PartnerUnreachable(`${partner.routingUrl} ${reason}`);
  }
  const text = await response.text();
  if (Buffer.byteLength(text) > MAX_SDL_BYTES)
    throw new PartnerUnreachable(`${partner.routingUrl} answered more than ${MAX_SDL_BYTES} bytes`);
  if (!response.ok) throw new PartnerUnreachable(`${partner.routingUrl} answered HTTP ${response.status} to { _service { sdl } }`);
  let sdl: unknown;
  try {
    sdl = (JSON.parse(text) as { data?: { _service?: { sdl?: unknown } } }).data?._service?.sdl;
  } catch {
    throw new PartnerUnreachable(`${partner.routingUrl} did not answer JSON`);
  }
  if (typeof sdl !== 'string' || sdl.trim() === '')
    throw new PartnerUnreachable(
      `${partner.routingUrl} did not answer { _service { sdl } } with its schema: is it a Federation 2 subgraph?`,
    );
  return sdl;
}
