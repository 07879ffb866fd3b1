/** Response shapes of the API, as the UI reads them (see /api/docs). */

export type Role = 'office_admin' | 'office_staff' | 'unit_drafter' | 'unit_approver';

export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string | null;
  parentUnitId: string | null;
}

export interface DemoAccount {
  username: string;
  role: Role;
  displayName: string;
  unitShortName: string | null;
}

export type UnitKind = 'organizer' | 'provincial_department' | 'prefecture_city' | 'city_office';

export interface Unit {
  id: string;
  kind: UnitKind;
  shortName: string;
  fullName: string;
  aliases: string[];
  officeRole: 'general_office' | 'construction_authority' | 'beautiful_towns_office' | null;
  parentId: string | null;
  contacts: { name: string; email: string | null; phone: string | null; isPrimary: boolean }[];
}

export type ClauseKind = 'chapter' | 'part' | 'section' | 'article' | 'item' | 'subitem' | 'paragraph' | 'annex' | 'table';

export interface Responsibility {
  unitId?: string | null;
  name: string;
  isLead: boolean;
}

/** A clause as stored (version view) — parsed previews have the same text fields. */
export interface Clause {
  id: string;
  parentId: string | null;
  lineageKey?: string;
  ordinal?: number;
  kind: ClauseKind;
  label: string;
  number: number | null;
  heading: string;
  text: string;
  tableRows: string[][] | null;
  responsibilityRaw: string | null;
  responsibilities: Responsibility[];
}

export interface ClauseNode extends Clause {
  children: ClauseNode[];
}

export interface ParsedClause {
  kind: ClauseKind;
  label: string;
  number: number | null;
  heading: string;
  text: string;
  responsibleUnits: Responsibility[];
  responsibilityRaw?: string;
  table?: { rows: string[][] };
  children: ParsedClause[];
}

export interface LetterFacts {
  deadline?: string;
  contact?: { name: string; phone: string };
  rules: string[];
  annexUnits: { name: string; unitId?: string }[];
  date?: string;
}

export interface ImportWarning {
  code: string;
  message: string;
  line?: number;
}

export interface ImportPreview {
  title: string;
  letter?: LetterFacts;
  clauses: ParsedClause[];
  warnings: ImportWarning[];
  numbering: { items: 'continuous' | 'per_section' };
}

export interface ImportSummary {
  policyId: string;
  versionId: string;
  seq: number;
  title: string;
  label: string;
  letter: LetterFacts | null;
  warnings: ImportWarning[];
  clauseCount: number;
}

export interface VersionSummary {
  id: string;
  seq: number;
  label: string;
  title: string;
  status: string;
  locked: boolean;
  createdAt: string;
}

export interface Policy {
  id: string;
  title: string;
  createdAt: string;
  versions: VersionSummary[];
}

export interface Version {
  id: string;
  policyId: string;
  seq: number;
  label: string;
  title: string;
  status: string;
  locked: boolean;
  itemNumbering: string;
  letter: LetterFacts | null;
  derivedFromVersionId: string | null;
  createdAt: string;
  publishedAt: string | null;
  clauses: ClauseNode[];
}

export interface RedlineSegment {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

export type ChangeStatus = 'added' | 'deleted' | 'changed' | 'moved' | 'unchanged';

export interface DiffClause {
  lineageKey: string;
  kind: ClauseKind;
  label: string;
  heading: string;
  text: string;
  units?: string[];
}

export interface ClauseChange {
  lineageKey: string;
  status: ChangeStatus;
  moved: boolean;
  headingChanged: boolean;
  textChanged: boolean;
  unitsChanged: boolean;
  relabelled: boolean;
  before?: DiffClause;
  after?: DiffClause;
  redline?: RedlineSegment[];
  headingRedline?: RedlineSegment[];
}

export interface VersionDiff {
  from: Omit<Version, 'clauses'>;
  to: Omit<Version, 'clauses'>;
  changes: ClauseChange[];
  counts: Record<ChangeStatus, number>;
}

export type RoundStatus = 'draft' | 'open' | 'closed' | 'concluded';
export type SealRole = 'construction_authority' | 'beautiful_towns_office' | 'general_office';

export interface CityApprovalRule {
  required: boolean;
  generalOfficeSuffices: boolean;
  requiredSeals: SealRole[];
}

export interface RoundListItem {
  id: string;
  policyId: string;
  versionId: string;
  roundNumber: number;
  title: string;
  status: RoundStatus;
  statusLabel: string;
  deadline: string;
  deadlineLocal: string;
  launchedAt: string | null;
  closedAt: string | null;
  createdAt: string;
  recipients: number;
  replied: number;
}

export interface Round {
  id: string;
  policyId: string;
  versionId: string;
  roundNumber: number;
  title: string;
  letterText: string;
  status: RoundStatus;
  statusLabel: string;
  deadline: string;
  deadlineLocal: string;
  deadlineDate: string;
  deadlineWorkdays: number | null;
  contact: { name: string; phone: string };
  rules: { sealRequired: boolean; cityApproval: CityApprovalRule; silenceRule: 'no_comment_must_be_written' | 'silence_is_no_comment' };
  escalationEmails: string[];
  recipients: { unitId: string; name: string; kind: UnitKind }[];
  recipientCount: number;
  launchedAt: string | null;
  closedAt: string | null;
}

export interface Coverage {
  notRecipients: { unitId: string; name: string; clauses: string[] }[];
  unnotifiable: { unitId: string; name: string }[];
  unresolvedNames: { name: string; clauses: string[] }[];
  issueUnitIds: string[];
  acknowledged: boolean;
}

export interface FromLetterResult {
  round: Round;
  warnings: { code: string; message: string }[];
  coverage: Coverage;
}

export interface LaunchResult {
  id: string;
  status: RoundStatus;
  deadlineLocal: string;
  recipients: number;
  letters: number;
  reminders: number;
  unnotifiable: { unitId: string; name: string }[];
}

export type BoardState = string;

export interface BoardRecipient {
  unitId: string;
  name: string;
  kind: UnitKind;
  state: BoardState;
  label: string;
  overdue: boolean;
  extended: boolean;
  late: boolean;
  deadlineLocal: string;
  submittedLocal?: string | null;
  /** older shape of the board */
  submittedAt?: string | null;
  lastRemindedLocal: string | null;
}

export interface NotRepliedUnit {
  unitId: string;
  name: string;
  label: string;
  overdue: boolean;
  extended: boolean;
  deadlineLocal: string;
  lastRemindedLocal: string | null;
  /** whom to call: the unit's contacts (a city's through its offices, named by office) */
  contacts: { name: string; phone: string | null; email: string | null }[];
}

export interface Board {
  round: { id: string; title: string; status: RoundStatus; deadline: string; deadlineLocal: string };
  asOf: string;
  asOfLocal: string;
  total: number;
  counts: { state: BoardState; label: string; count: number }[];
  /** recipients of the whole round that have not replied */
  notRepliedCount: number;
  /** which recipients `recipients` holds (GET …/board?state=&limit=&offset=; without limit: all) */
  page: { state: BoardState | 'not_replied' | null; offset: number; limit: number | null; matched: number };
  recipients: BoardRecipient[];
  /** the entries of `recipients` that have not replied */
  notReplied: Omit<NotRepliedUnit, 'contacts'>[];
}

export interface MailRow {
  id: string;
  purpose: string;
  unitId: string | null;
  unitName: string | null;
  to: string;
  subject: string;
  status: string;
  attempts: number;
  lastError: string | null;
  reason: string;
  createdLocal: string;
  sentLocal: string | null;
}

export interface Extension {
  id: string;
  unitId: string;
  unitName: string;
  previousLocal: string;
  newLocal: string;
  reason: string;
  grantedAt: string;
}

export interface MyRoundListItem {
  id: string;
  title: string;
  roundNumber: number;
  status: RoundStatus;
  unitId: string;
  unitName: string;
  deadline: string;
  deadlineLocal: string;
  extended: boolean;
  recipientStatus: string;
  state: BoardState;
  label: string;
}

export interface MyRound {
  round: { id: string; title: string; roundNumber: number; status: RoundStatus; letterText: string };
  unit: { id: string; name: string; kind: UnitKind };
  myStatus: { status: string; state: string; label: string; replyKind: string | null; firstViewedAt: string | null; submittedAt: string | null };
  myDeadline: { deadline: string; deadlineLocal: string; extended: boolean; roundDeadline: string };
  contact: { name: string; phone: string };
  rules: { sealRequired: boolean; cityApproval: CityApprovalRule | null; silenceRule: string };
  version: { id: string; title: string; label: string };
  clauses: Clause[];
}

export type ItemKind = 'modify' | 'delete' | 'add' | 'other';

export interface DraftItem {
  key: string;
  clauseId: string | null;
  quote: string;
  kind: ItemKind;
  proposedText: string;
  reason: string;
}

export interface DraftView {
  kind: 'with_comments' | 'no_comment';
  items: DraftItem[];
  version: number;
  updatedAt: string | null;
  updatedBy: { userId: string; name: string } | null;
}

export interface MyReply {
  round: { id: string; title: string; roundNumber: number; status: RoundStatus; deadline: string; silenceRule: string; sealRequired: boolean; cityApproval: CityApprovalRule };
  recipient: { id: string; unitId: string; unitName: string; status: string; replyKind: string | null; effectiveDeadline: string; latestSubmissionId: string | null };
  draft: DraftView;
  submissions: { id: string; trackingNo: string; revision: number; kind: string; sealedAt: string; lateSeconds: number }[];
}

export interface EvidenceFile {
  id: string;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  uploadedAt: string;
}

export interface SealedReceipt {
  submissionId: string;
  trackingNo: string;
  revision: number;
  kind: 'with_comments' | 'no_comment' | 'withdrawal';
  itemCount: number;
  sealedAt: string;
  deadlineAt: string;
  late: boolean;
  lateSeconds: number;
  receipt: { digest: string; signature: string; keyId: string; algorithm: string; canonicalization: string; chainSeq: number; prevChainHash: string | null; chainHash: string };
  verifyUrl: string;
}

export interface SubmissionSummary {
  id: string;
  trackingNo: string;
  unit: { id: string; name: string };
  actingUnit: { id: string; name: string };
  revision: number;
  kind: 'with_comments' | 'no_comment' | 'withdrawal';
  itemCount: number;
  sealedAt: string;
  deadlineAt: string;
  late: boolean;
  lateSeconds: number;
  isLatest: boolean;
  supersededById: string | null;
  review: { action: 'accepted' | 'returned'; reason: string; reviewedAt: string } | null;
}

export interface SubmissionDetail extends SubmissionSummary {
  roundId: string;
  signatory: string;
  contact: { name: string; phone: string };
  attestation: { channel: string; statement: string | null } | null;
  seals: { unitId: string; unitName: string; role: string; evidenceFileId: string; evidenceSha256: string; filename: string | null }[];
  withdrawalReason: string | null;
  items: { position: number; clauseId: string | null; clauseLabel: string | null; clauseHeading: string | null; kind: ItemKind; quote: string; proposedText: string; reason: string }[];
  reviews: { action: 'accepted' | 'returned'; reason: string; reviewedBy: string; reviewedAt: string }[];
  receipt: { digest: string; signature: string; keyId: string; chainSeq: number; prevChainHash: string | null; chainHash: string };
}

export interface ReceiptVerification {
  valid: boolean;
  checks: { digest: boolean; signature: boolean; chain: boolean; content: boolean };
  trackingNo: string;
  unit: string;
  actingUnit: string;
  sealedAt: string;
  digest: string;
  keyId: string;
  chainSeq: number;
}

export type Decision = 'adopted' | 'partially_adopted' | 'not_adopted' | 'noted';

export interface DecisionCounts {
  items: number;
  adopted: number;
  partiallyAdopted: number;
  notAdopted: number;
  noted: number;
  undecided: number;
}

export interface FeedbackItemView {
  id: string;
  unit: { id: string; name: string };
  submissionId: string;
  trackingNo: string;
  position: number;
  clauseId: string | null;
  kind: ItemKind;
  kindLabel: string;
  quote: string;
  proposedText: string;
  reason: string;
  decision: {
    decision: Decision;
    label: string;
    reason: string;
    editedText: string | null;
    carryOver: boolean;
    changeId: string | null;
    decidedBy: { id: string; name: string | null };
    decidedAt: string;
  } | null;
  conflictsWith: string[];
}

export interface CarriedItemView {
  id: string;
  roundNumber: number;
  unit: { id: string; name: string };
  kindLabel: string;
  quote: string;
  proposedText: string;
  reason: string;
  decisionLabel: string;
  decisionReason: string;
}

export interface ClauseFeedback {
  clauseId: string;
  lineageKey: string;
  ref: string;
  kind: string;
  label: string;
  heading: string;
  text: string;
  items: FeedbackItemView[];
  conflicts: { itemIds: string[] }[];
  carriedOver: CarriedItemView[];
}

export interface RoundFeedback {
  round: { id: string; title: string; roundNumber: number; status: RoundStatus; versionId: string };
  counts: DecisionCounts;
  clauses: ClauseFeedback[];
  general: FeedbackItemView[];
  generalCarriedOver: CarriedItemView[];
  conflictCount: number;
  silentResponsibleUnits: { unit: { id: string; name: string }; replied: boolean; clauses: { clauseId: string; ref: string; heading: string }[] }[];
}

export interface NextVersionChange {
  id: string;
  kind: string;
  kindLabel: string;
  status: 'applied' | 'needs_manual_edit' | 'resolved';
  statusLabel: string;
  manualReason: string | null;
  manualReasonLabel: string | null;
  clauseBefore: string | null;
  clauseAfter: string | null;
  beforeText: string | null;
  afterText: string | null;
  itemIds: string[];
  resolvedAt: string | null;
  resolutionNote: string | null;
}

export interface NextVersion {
  round: { id: string; title: string; roundNumber: number; status: RoundStatus };
  fromVersion: { id: string; label: string; title: string };
  version: { id: string; seq: number; label: string; title: string; status: string; locked: boolean; publishedAt: string | null };
  stale: boolean;
  generatedAt: string;
  counts: DecisionCounts;
  changes: NextVersionChange[];
}

export interface AdoptionTable {
  title: string;
  policyTitle: string;
  nextVersionId: string | null;
  summaryText: string;
  columns: string[];
  rows: { seq: number; unitName: string; clause: string; opinion: string; decision: string; explanation: string; revisedText: string }[];
}

export interface EarlierItems {
  previousRound: { id: string; title: string; roundNumber: number; decisionsFinal: boolean } | null;
  items: {
    id: string;
    trackingNo: string;
    kindLabel: string;
    quote: string;
    proposedText: string;
    reason: string;
    decision: { decision: Decision; label: string; reason: string; carryOver: boolean } | null;
    clauseThen: { ref: string; heading: string; text: string } | null;
    clauseNow: { ref: string; heading: string; text: string } | null;
    clauseStatus: 'general' | 'deleted' | 'unchanged' | 'changed';
    change: { status: string; statusLabel: string } | null;
    redline: RedlineSegment[];
  }[];
}
