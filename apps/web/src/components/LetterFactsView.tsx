import { Descriptions, Tag, Typography } from 'antd';
import type { LetterFacts } from '../api/types';
import { shanghaiTime } from '../format';

const RULE_LABEL: Record<string, string> = {
  seal_required: '须加盖公章',
  city_approval_required: '设区市须经市政府同意',
  no_comment_must_be_written: '无意见也请书面反馈',
  silence_is_no_comment: '逾期未反馈视为无意见',
};

/** What the importer read from a 征求意见函: deadline, contact, rules, the annex list of units. */
export function LetterFactsView({ letter }: { letter: LetterFacts }) {
  const unresolved = letter.annexUnits.filter((u) => !u.unitId);
  return (
    <Descriptions size="small" column={1} bordered>
      <Descriptions.Item label="反馈截止">{letter.deadline ? shanghaiTime(letter.deadline) : '未识别'}</Descriptions.Item>
      <Descriptions.Item label="联系人">{letter.contact ? `${letter.contact.name} ${letter.contact.phone}` : '未识别'}</Descriptions.Item>
      <Descriptions.Item label="反馈要求">
        {letter.rules.length ? letter.rules.map((r) => <Tag key={r}>{RULE_LABEL[r] ?? r}</Tag>) : '未识别'}
      </Descriptions.Item>
      <Descriptions.Item label="征求对象（附件名单）">
        共 {letter.annexUnits.length} 家
        {unresolved.length > 0 && (
          <div>
            <Typography.Text type="warning">未在单位目录中找到：{unresolved.map((u) => u.name).join('、')}</Typography.Text>
          </div>
        )}
      </Descriptions.Item>
    </Descriptions>
  );
}
