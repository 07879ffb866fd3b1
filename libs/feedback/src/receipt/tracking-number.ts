import { FeedbackErrors } from '../errors';

/** 回执编号 parts: R<round>-<unit short name>-<sequence>, e.g. R2-省财政厅-0007. */
export interface TrackingNumberParts {
  roundNumber: number;
  unitShortName: string;
  sequence: number;
}

// Letters and digits of any script (Chinese stays readable) plus marks that need no escaping in a path.
const UNSAFE_IN_NAME = /[^\p{L}\p{M}\p{N}（）()·._-]/gu;
const TRACKING_PATTERN = /^R([1-9]\d*)-(.+)-(\d{4}|[1-9]\d{4,})$/u;

export function trackingNumber(parts: TrackingNumberParts): string {
  const { roundNumber, unitShortName, sequence } = parts;
  if (!isPositiveInteger(roundNumber)) throw partsInvalid('轮次应为正整数', { roundNumber });
  if (!isPositiveInteger(sequence)) throw partsInvalid('序号应为正整数', { sequence });
  const name = trackingUnitName(unitShortName);
  if (!name) throw partsInvalid('单位简称去除空格和特殊字符后为空', { unitShortName });
  return `R${roundNumber}-${name}-${String(sequence).padStart(4, '0')}`;
}

/** The inverse of trackingNumber; throws TRACKING_NUMBER_INVALID for anything it would not produce. */
export function parseTrackingNumber(text: string): TrackingNumberParts {
  const match = typeof text === 'string' ? TRACKING_PATTERN.exec(text) : null;
  const parts = match && { roundNumber: Number(match[1]), unitShortName: match[2], sequence: Number(match[3]) };
  if (
    !parts ||
    !isPositiveInteger(parts.roundNumber) ||
    !isPositiveInteger(parts.sequence) ||
    trackingUnitName(parts.unitShortName) !== parts.unitShortName
  ) {
    throw FeedbackErrors.trackingNumberInvalid(String(text), {
      value: text,
    });
  }
  return parts;
}

/** The unit name as it appears in a tracking number: NFC, without spaces, slashes or URL-reserved marks. */
export function trackingUnitName(unitShortName: string): string {
  return typeof unitShortName === 'string' ? unitShortName.normalize('NFC').replace(UNSAFE_IN_NAME, '') : '';
}

function isPositiveInteger(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) > 0;
}

function partsInvalid(message: string, details: Record<string, unknown>) {
  return FeedbackErrors.trackingNumberUnavailable(message, details);
}
