import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, setUnauthorizedHandler, tokenStore } from '../api/client';
import type { Actor, LoginResult } from '../api/types';
import { isOfficeRole } from '../format';

interface AuthState {
  actor: Actor | null;
  /** true while the stored token is being checked on page load */
  loading: boolean;
  expired: boolean;
  /** who was signed in last in this tab (a page they left must not open for someone else) */
  lastUserId: string | null;
  login(username: string, password: string): Promise<Actor>;
  logout(): void;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [actor, setActor] = useState<Actor | null>(null);
  const [loading, setLoading] = useState(() => !!tokenStore.get());
  const [expired, setExpired] = useState(false);
  const [lastUserId, setLastUserId] = useState<string | null>(null);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      tokenStore.clear();
      setActor((prev) => {
        if (prev) setLastUserId(prev.userId);
        return null;
      });
      setExpired(true);
    });
    if (tokenStore.get()) {
      api
        .get<Actor>('/auth/me')
        .then(setActor)
        .catch(() => tokenStore.clear())
        .finally(() => setLoading(false));
    }
    return () => setUnauthorizedHandler(null);
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const res = await api.post<LoginResult>('/auth/login', { username, password });
    tokenStore.set(res.accessToken);
    setExpired(false);
    setActor(res.user);
    return res.user;
  }, []);

  const logout = useCallback(() => {
    tokenStore.clear();
    setActor((prev) => {
      if (prev) setLastUserId(prev.userId);
      return null;
    });
  }, []);

  const value = useMemo(() => ({ actor, loading, expired, lastUserId, login, logout }), [actor, loading, expired, lastUserId, login, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

export const homeOf = (actor: Actor) => (isOfficeRole(actor.role) ? '/policies' : '/my/rounds');
