import { useParams } from 'react-router-dom';
import { Loadable } from '../../../components/Loadable';
import { useRound } from '../../../hooks/rounds';
import { AdoptionView } from './AdoptionView';

export function AdoptionPage() {
  const { id } = useParams();
  const round = useRound(id);
  return <Loadable state={round}>{(r) => <AdoptionView round={r} reloadRound={round.reload} />}</Loadable>;
}
