import { mailReason } from '../board.service';
import { letterMail, RoundFacts } from './round-mails';

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

  it('explain in the mail log why each mail was sent', () => {
    expect(mailReason('reminder', 'before-3')).toBe('截止前3个工作日提醒');
    expect(mailReason('reminder', 'deadline')).toBe('截止当日提醒');
    expect(mailReason('reminder', 'overdue-2')).toBe('逾期第2个工作日催办');
    expect(mailReason('manual_reminder', 'manual-4')).toBe('手动催办（第4次）');
    expect(mailReason('letter', null)).toBe('征求意见函');
    expect(mailReason('escalation', 'escalation')).toBe('电话催办清单');
  });
});
