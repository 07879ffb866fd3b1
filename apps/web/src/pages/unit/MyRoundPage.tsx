import { useParams } from 'react-router-dom';
import { useAuth } from '../../auth/AuthContext';
import { Loadable } from '../../components/Loadable';
import { useMyRound } from '../../hooks/unit';
import { MyRoundView } from './MyRoundView';

export function MyRoundPage() {
  const { id } = useParams();
  const { actor } = useAuth();
  const state = useMyRound(id, actor);
  return <Loadable state={state}>{(data) => <MyRoundView key={data.myRound.round.id} data={data} reload={state.reload} />}</Loadable>;
}
