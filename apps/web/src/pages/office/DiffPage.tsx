import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { api } from '../../api/client';
import type { VersionDiff } from '../../api/types';
import { Loadable } from '../../components/Loadable';
import { useLoad } from '../../hooks/useLoad';
import { DiffView } from './DiffView';

export function DiffPage() {
  const { id, otherId } = useParams();
  const state = useLoad(() => api.get<VersionDiff>(`/versions/${id}/diff/${otherId}`), [id, otherId]);
  const [onlyChanges, setOnlyChanges] = useState(true);
  return (
    <Loadable state={state}>
      {(diff) => <DiffView diff={diff} onlyChanges={onlyChanges} setOnlyChanges={setOnlyChanges} />}
    </Loadable>
  );
}
