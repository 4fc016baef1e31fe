import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';

export type SigningAlgorithm = 'RS256' | 'ES256';

interface SigningKey {
  alg: SigningAlgorithm;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export interface TokenOptions {
  /** the "kid" header: the key's own by default, null for none */
  kid?: string | null;
  issuer?: string;
  audience?: string;
  /** seconds from now; null leaves "exp" out */
  expiresIn?: number | null;
}

/**
 * A stand-in for the provincial identity provider: signing keys made with jose, a JWKS it
 * serves on 127.0.0.1 (what it publishes can change between requests, as in a rotation),
 * and the tokens it would issue. `answer` makes the endpoint misbehave.
 */
export class IdentityProvider {
  readonly issuer = 'https://id.sc.gov.example/realms/skills';
  readonly audience = 'skills-sichuan-graph';
  /** GETs of the key set so far */
  fetches = 0;
  /** 'keys' serves the published keys; a status answers with it; 'hang' never answers */
  answer: 'keys' | number | 'hang' = 'keys';
  private readonly keys = new Map<string, SigningKey>();
  private published: string[] = [];
  private readonly server = http.createServer((req, res) => {
    this.fetches += 1;
    if (this.answer === 'hang') return;
    if (this.answer !== 'keys') {
      res.writeHead(this.answer).end('unavailable');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/jwk-set+json' });
    res.end(JSON.stringify({ keys: this.published.map((kid) => this.keys.get(kid)!.publicJwk) }));
  });
  private port = 0;

  static async start(): Promise<IdentityProvider> {
    const provider = new IdentityProvider();
    await new Promise<void>((resolve) => provider.server.listen(0, '127.0.0.1', resolve));
    provider.port = (provider.server.address() as AddressInfo).port;
    return provider;
  }

  get jwksUrl(): string {
    return `http://127.0.0.1:${this.port}/.well-known/jwks.json`;
  }

  /** A new key pair under `kid`; not published until `publish` says so. */
  async createKey(kid: string, alg: SigningAlgorithm): Promise<void> {
    const { publicKey, privateKey } = await generateKeyPair(alg);
    this.keys.set(kid, { alg, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } });
  }

  publicJwk(kid: string): JWK {
    return this.keys.get(kid)!.publicJwk;
  }

  /** What the JWKS lists from now on, in this order. */
  publish(...kids: string[]): void {
    this.published = kids;
  }

  /** A token as the provider issues it, signed by `kid`'s key; `options` bend it. */
  async sign(kid: string, claims: JWTPayload, options: TokenOptions = {}): Promise<string> {
    const key = this.keys.get(kid)!;
    const now = Math.floor(Date.now() / 1000);
    const token = new SignJWT(claims)
      .setProtectedHeader({ alg: key.alg, typ: 'JWT', ...(options.kid === null ? {} : { kid: options.kid ?? kid }) })
      .setIssuer(options.issuer ?? this.issuer)
      .setAudience(options.audience ?? this.audience)
      .setIssuedAt(now);
    const expiresIn = options.expiresIn === undefined ? 300 : options.expiresIn;
    if (expiresIn !== null) token.setExpirationTime(now + expiresIn);
    return token.sign(key.privateKey);
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
