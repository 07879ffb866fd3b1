import { Card, Empty } from 'antd';
import type { MyReply } from '../../api/types';
import { Loadable } from '../../components/Loadable';
import { SubmissionView } from '../../components/SubmissionView';
import { useSubmission } from '../../hooks/board';

/** The reply in force (the latest sealed revision), as the office received it. */
export function MyLatestReply({ reply }: { reply: MyReply }) {
  const id = reply.recipient.latestSubmissionId ?? reply.submissions[reply.submissions.length - 1]?.id ?? null;
  const state = useSubmission(id);
  if (!id) return <Empty description="本单位在本轮没有盖章提交反馈" />;
  return <Card size="small">{<Loadable state={state}>{(d) => (d ? <SubmissionView s={d} /> : null)}</Loadable>}</Card>;
}
