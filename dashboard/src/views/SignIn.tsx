import { useState } from 'react';
import { sessionOf, type Session } from '../session';

/** Signing in with a bearer token, and out again. */
export function SignIn({ session, onChange }: { session: Session | null; onChange: (session: Session | null) => void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (session)
    return (
      <div className="sign-in">
        <button type="button" onClick={() => onChange(null)}>
          退出登录
        </button>
      </div>
    );
  return (
    <form
      className="sign-in"
      onSubmit={(e) => {
        e.preventDefault();
        try {
          onChange(sessionOf(token));
          setToken('');
          setError(null);
        } catch (err) {
          setError((err as Error).message);
        }
      }}
    >
      <input
        type="password"
        name="token"
        placeholder="粘贴访问令牌"
        aria-label="访问令牌"
        autoComplete="off"
        value={token}
        onChange={(e) => setToken(e.target.value)}
      />
      <button type="submit">登录</button>
      {error && (
        <span className="failed" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}
