import dayjs, { Dayjs } from 'dayjs';
import type { CityApprovalRule, Round } from '../../../api/types';

export interface FormValues {
  versionId: string;
  title: string;
  roundNumber?: number;
  letterText: string;
  deadlineMode: 'date' | 'workdays';
  deadlineDate?: Dayjs;
  deadlineWorkdays?: number;
  contactName: string;
  contactPhone: string;
  sealRequired: boolean;
  cityApproval: CityApprovalRule;
  silenceRule: 'no_comment_must_be_written' | 'silence_is_no_comment';
  escalationEmails: string[];
  recipientUnitIds: string[];
}

export const DEFAULTS: Partial<FormValues> = {
  deadlineMode: 'date',
  sealRequired: true,
  cityApproval: { required: true, generalOfficeSuffices: true, requiredSeals: ['construction_authority', 'beautiful_towns_office'] },
  silenceRule: 'no_comment_must_be_written',
  escalationEmails: [],
  recipientUnitIds: [],
  letterText: '',
  contactName: '',
  contactPhone: '',
};

export function toForm(r: Round): FormValues {
  return {
    versionId: r.versionId,
    title: r.title,
    roundNumber: r.roundNumber,
    letterText: r.letterText,
    deadlineMode: r.deadlineWorkdays ? 'workdays' : 'date',
    deadlineDate: dayjs(r.deadlineDate),
    deadlineWorkdays: r.deadlineWorkdays ?? undefined,
    contactName: r.contact.name,
    contactPhone: r.contact.phone,
    sealRequired: r.rules.sealRequired,
    cityApproval: r.rules.cityApproval,
    silenceRule: r.rules.silenceRule,
    escalationEmails: r.escalationEmails,
    recipientUnitIds: r.recipients.map((x) => x.unitId),
  };
}

export function toBody(v: FormValues) {
  return {
    versionId: v.versionId,
    title: v.title?.trim() || undefined,
    ...(v.roundNumber ? { roundNumber: v.roundNumber } : {}),
    letterText: v.letterText ?? '',
    ...(v.deadlineMode === 'workdays' ? { deadlineWorkdays: v.deadlineWorkdays } : { deadlineDate: v.deadlineDate?.format('YYYY-MM-DD') }),
    contactName: v.contactName ?? '',
    contactPhone: v.contactPhone ?? '',
    sealRequired: v.sealRequired,
    cityApproval: v.cityApproval,
    silenceRule: v.silenceRule,
    escalationEmails: v.escalationEmails ?? [],
    recipientUnitIds: v.recipientUnitIds ?? [],
  };
}

export const FIELD_ALIASES = { deadlineDate: 'deadlineDate', deadlineWorkdays: 'deadlineWorkdays', cityApproval: 'cityApproval', recipientUnitIds: 'recipientUnitIds' };
