import { Button, DatePicker, Form, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { DeadlineOptions } from '../../../api/types';

interface Props {
  /** the chosen date is before today (a letter's own date carried over, say) */
  passed: boolean;
  options: DeadlineOptions['options'];
  onPick: (date: string) => void;
}

/** 截止日期 with quick picks N 个工作日后 (Chinese calendar, server-side); a past date is flagged. */
export function DeadlineField({ passed, options, onPick }: Props) {
  return (
    <>
      <Form.Item
        label="截止日期"
        name="deadlineDate"
        rules={[{ required: true, message: '请选择截止日期' }]}
        validateStatus={passed ? 'error' : undefined}
        help={passed ? '截止日期已过（可能是征求意见函原来的日期），请重新选择' : undefined}
        extra="当日 24 时前（北京时间）；周末已用浅色标出"
      >
        <DatePicker
          format={['YYYY-MM-DD（dddd）', 'YYYY-MM-DD', 'YYYY/MM/DD']}
          style={{ width: 240 }}
          cellRender={(current, info) => {
            if (info.type !== 'date') return info.originNode;
            const d = current as Dayjs;
            const weekend = d.day() === 0 || d.day() === 6;
            return <div className={`ant-picker-cell-inner${weekend ? ' weekend-cell' : ''}`}>{d.date()}</div>;
          }}
        />
      </Form.Item>
      {options.length > 0 && (
        <Space wrap size={4} className="deadline-picks" aria-label="快捷选择截止日期">
          <Typography.Text type="secondary">快捷选择：</Typography.Text>
          {options.map((o) => (
            <Button key={o.workdays} size="small" type={passed ? 'primary' : 'default'} ghost={passed} onClick={() => onPick(o.deadlineDate)} title={`截止 ${o.deadlineLocal}`}>
              {o.workdays} 个工作日后（{o.deadlineDate.slice(5).replace('-', '月')}日）
            </Button>
          ))}
        </Space>
      )}
    </>
  );
}
