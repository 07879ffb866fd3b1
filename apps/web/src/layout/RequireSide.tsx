import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { homeOf, useAuth } from '../auth/AuthContext';
import { isOfficeRole } from '../format';

/** Signed-in pages of one side (office or unit): anyone else goes to the login page or their own home. */
export function RequireSide({ side, children }: { side: 'office' | 'unit'; children: ReactNode }) {
  const { actor, loading, lastUserId } = useAuth();
  const location = useLocation();
  if (loading) return null;
  if (!actor) {
    // a mailed link may name the account to sign in with (?signer=): the login page fills it in
    const params = new URLSearchParams(location.search);
    const signer = params.get('signer');
    params.delete('signer');
    const rest = params.toString();
    return <Navigate to="/login" replace state={{ from: location.pathname + (rest ? `?${rest}` : ''), forUser: lastUserId, signer }} />;
  }
  const office = isOfficeRole(actor.role);
  if ((side === 'office') !== office) return <Navigate to={homeOf(actor)} replace />;
  return <>{children}</>;
}
