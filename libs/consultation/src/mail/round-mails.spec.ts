import { mailReason } from '../board.service';
import { escalationMail, letterMail, reminderMail, RoundFacts } from './round-mails';

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

describe('round mails', () => {
  it('state the Shanghai due date and, for a city only, the city-approval rule', () => {
    const city = letterMail({ ...facts, unitName: '杭州市', forCity: true });
    expect(city.text).toContain('请于2023年5月23日前（2023-05-23 23:59 截止）');
    expect(city.text).toContain('经市政府同意');
    expect(city.text).toContain('市级建设主管部门、市美丽城镇办公章');
    expect(city.text).toContain('无意见也请书面反馈');
    expect(city.html).toContain('href="http://localhost:3000/my/rounds/r1"');
    expect(letterMail({ ...facts, unitName: '省财政厅', forCity: false }).text).not.toContain('经市政府同意');
  });

  it('say that silence counts as no comment when the round says so', () => {
    expect(letterMail({ ...facts, silenceRule: 'silence_is_no_comment', unitName: '省财政厅', forCity: false }).text).toContain('逾期未反馈的，视为无意见');
  });

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

  it('explain in the mail log why each mail was sent', () => {
    expect(mailReason('reminder', 'before-3')).toBe('截止前3个工作日提醒');
    expect(mailReason('reminder', 'deadline')).toBe('截止当日提醒');
    expect(mailReason('reminder', 'overdue-2')).toBe('逾期第2个工作日催办');
    expect(mailReason('manual_reminder', 'manual-4')).toBe('手动催办（第4次）');
    expect(mailReason('letter', null)).toBe('征求意见函');
    expect(mailReason('escalation', 'escalation')).toBe('电话催办清单');
  });
});
