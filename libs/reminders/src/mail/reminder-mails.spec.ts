import type { RoundFacts } from '@zq/consultation';
import { escalationMail, reminderMail } from './reminder-mails';

const facts: RoundFacts = {
  organizer: '省美丽城镇办',
  title: '省美丽城镇办关于再次征求意见的函',
  documentTitle: '关于全面推进现代化美丽城镇建设的意见（二次征求意见稿）',
  deadline: new Date('2023-05-23T15:59:59.999Z'),
  contactName: '陈泽',
  contactPhone: '0571-89892005',
  sealRequired: true,
  cityApproval: { required: true, generalOfficeSuffices: true, requiredSeals: ['construction_authority', 'beautiful_towns_office'] },
  silenceRule: 'no_comment_must_be_written',
  url: 'http://localhost:3000/my/rounds/r1',
};

describe('reminder mails', () => {
  it('word each reminder step differently', () => {
    const at = new Date('2023-05-18T01:00:00Z');
    const subject = (kind: 'before_deadline' | 'deadline_day' | 'overdue' | 'manual') => reminderMail({ ...facts, unitName: '省财政厅', forCity: false, kind, now: at }).subject;
    expect(subject('before_deadline')).toBe('【催办】请于2023年5月23日前反馈：《关于全面推进现代化美丽城镇建设的意见（二次征求意见稿）》');
    expect(subject('deadline_day')).toMatch(/^【催办】今日截止/);
    expect(subject('overdue')).toMatch(/^【催办】已逾期/);
    expect(reminderMail({ ...facts, unitName: '省财政厅', forCity: false, kind: 'manual', now: at, note: '请今日反馈' }).text).toContain('请今日反馈');
  });

  it('list the silent units with their phones for 电话催办', () => {
    const mail = escalationMail({
      organizer: '省美丽城镇办',
      documentTitle: facts.documentTitle,
      now: new Date('2023-05-29T01:00:00Z'),
      url: 'http://x/board',
      units: [{ unitName: '省建设厅', deadline: facts.deadline, contacts: [{ name: '联络员', phone: '0571-88000001' }] }, { unitName: '丽水市', deadline: facts.deadline, contacts: [] }],
    });
    expect(mail.subject).toContain('2 个单位逾期未反馈');
    expect(mail.text).toContain('1. 省建设厅（截止 2023-05-23 23:59）：联络员 0571-88000001');
    expect(mail.text).toContain('2. 丽水市（截止 2023-05-23 23:59）：（无联系人）');
    expect(mail.text).toContain('截至2023-05-29 09:00');
  });

});
