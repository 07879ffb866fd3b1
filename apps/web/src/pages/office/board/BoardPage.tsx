import { useParams } from 'react-router-dom';
import { Loadable } from '../../../components/Loadable';
import { useRound } from '../../../hooks/rounds';
import { BoardView } from './BoardView';

export function BoardPage() {
  const { id } = useParams();
  const round = useRound(id);
  return <Loadable state={round}>{(r) => <BoardView round={r} reloadRound={round.reload} />}</Loadable>;
}
