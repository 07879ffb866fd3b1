import { Navigate, useParams } from 'react-router-dom';
import { Loadable } from '../../../components/Loadable';
import { useRoundForm } from '../../../hooks/rounds';
import { RoundForm } from './RoundForm';

export function RoundEditPage() {
  const { id } = useParams();
  const state = useRoundForm(id);
  return (
    <Loadable state={state}>
      {({ round, units, policies }) =>
        round && round.status !== 'draft' ? <Navigate to={`/rounds/${round.id}/board`} replace /> : <RoundForm key={round?.id ?? 'new'} round={round} units={units} policies={policies} />
      }
    </Loadable>
  );
}
