import { Drawer } from 'antd';
import { Loadable } from '../../../components/Loadable';
import { SubmissionView } from '../../../components/SubmissionView';
import { useSubmission } from '../../../hooks/board';

export function SubmissionDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const state = useSubmission(id);
  return (
    <Drawer open={!!id} onClose={onClose} size="large" title="反馈详情" destroyOnHidden>
      {id && <Loadable state={state}>{(s) => (s ? <SubmissionView s={s} /> : null)}</Loadable>}
    </Drawer>
  );
}
