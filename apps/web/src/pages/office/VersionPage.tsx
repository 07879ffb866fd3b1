import { useParams } from 'react-router-dom';
import { api } from '../../api/client';
import type { Policy, Version } from '../../api/types';
import { Loadable } from '../../components/Loadable';
import { useLoad } from '../../hooks/useLoad';
import { VersionView } from './VersionView';

export function VersionPage() {
  const { id } = useParams();
  const state = useLoad(async () => {
    const version = await api.get<Version>(`/versions/${id}`);
    const policy = await api.get<Policy>(`/policies/${version.policyId}`).catch(() => null);
    return { version, policy };
  }, [id]);
  return <Loadable state={state}>{({ version, policy }) => <VersionView key={version.id} version={version} policy={policy} />}</Loadable>;
}
