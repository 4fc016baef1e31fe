/**
 * Signing in: a bearer token (from the province's identity provider, or `npm run token` in
 * development) kept for this tab only. Its claims say which role and 市州 to show; the gateway
 * checks the token on every request and decides what the role may read.
 */
export interface Session {
  token: string;
  role: string;
  /** a CITY_ADMIN's 市州 (GB/T 2260) */
  city?: string;
  subject?: string;
  /** seconds since the epoch */
  expiresAt?: number;
}

const KEY = 'skills-sichuan.dashboard.token';

interface Claims {
  role?: unknown;
  city?: unknown;
  sub?: unknown;
  exp?: unknown;
}

function claimsOf(token: string): Claims {
  const parts = token.split('.');
  if (parts.length !== 3) throw new Error('这不是一个令牌（JWT 由三段组成）');
  try {
    const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes)) as Claims;
  } catch {
    throw new Error('令牌无法解读');
  }
}

/** The session a token opens; throws, in words for the page, when it is no token or has expired. */
export function sessionOf(token: string): Session {
  const trimmed = token.trim().replace(/^Bearer\s+/i, '');
  const claims = claimsOf(trimmed);
  if (typeof claims.role !== 'string') throw new Error('令牌中没有角色');
  const expiresAt = typeof claims.exp === 'number' ? claims.exp : undefined;
  if (expiresAt !== undefined && expiresAt * 1000 <= Date.now()) throw new Error('令牌已过期，请重新获取');
  return {
    token: trimmed,
    role: claims.role,
    city: typeof claims.city === 'string' ? claims.city : undefined,
    subject: typeof claims.sub === 'string' ? claims.sub : undefined,
    expiresAt,
  };
}

export function restoreSession(): Session | null {
  const token = sessionStorage.getItem(KEY);
  if (!token) return null;
  try {
    return sessionOf(token);
  } catch {
    sessionStorage.removeItem(KEY);
    return null;
  }
}

export function keepSession(session: Session | null) {
  if (session) sessionStorage.setItem(KEY, session.token);
  else sessionStorage.removeItem(KEY);
}
