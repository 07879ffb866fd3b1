/**
 * The API's types, as the UI names them: thin aliases of the types generated from the server's
 * OpenAPI document (./generated, by `npm run openapi:generate`). Never write a shape here — change
 * the server's response class and regenerate; the contract test fails when the two differ.
 */
import type {
  BoardRecipient,
  CityApprovalRule,
  Clause,
  ClauseChange,
  DraftItem,
  FeedbackItemDecision,
  NextVersionChangeView,
  Responsibility as StoredResponsibility,
  ResponsibleUnit,
  PolicyVersionSummary,
  Round,
  SignedInUser,
  UnitSummary,
} from './generated';

export type {
  AdoptionTable,
  Board,
  BoardRecipient,
  CarriedItemView,
  CityApprovalRule,
  Clause,
  ClauseChange,
  ClauseFeedback,
  ClauseNode,
  Coverage,
  DeadlineOptions,
  DecisionCounts,
  DemoAccount,
  DiffClause,
  DraftItem,
  DraftView,
  EarlierItems,
  ErrorResponse,
  EvidenceFile,
  Extension,
  ExtensionResult,
  FeedbackItemView,
  FromLetterResult,
  ImportPreview,
  ImportSummary,
  ImportWarning,
  LaunchResult,
  LetterFacts,
  LetterAttachmentView as LetterAttachment,
  LoginResult,
  MailPage,
  MailRow,
  ManualReminderResult,
  MyDecisions,
  MyReply,
  MyRound,
  MyRoundListItem,
  NextRoundResult,
  NextVersion,
  NextVersionGenerated,
  NotRepliedContactsUnit as NotRepliedUnit,
  ParsedClause,
  ParsedReplyItem,
  ParsedReplyTable,
  Policy,
  ReceiptVerification,
  RedlineSegment,
  Round,
  RoundFeedback,
  RoundListItem,
  SealedReceipt,
  SubmissionDetail,
  SubmissionSummary,
  Version,
  VersionDiff,
} from './generated';

export type Actor = SignedInUser;
/** 责任单位 as a stored clause has it, or as the importer found it (no unitId when unresolved). */
export type Responsibility = StoredResponsibility | ResponsibleUnit;
export type Unit = UnitSummary;
export type VersionSummary = PolicyVersionSummary;
export type NextVersionChange = NextVersionChangeView;
export type Role = SignedInUser['role'];
export type UnitKind = UnitSummary['kind'];
export type ClauseKind = Clause['kind'];
export type RoundStatus = Round['status'];
export type SealRole = CityApprovalRule['requiredSeals'][number];
export type BoardState = BoardRecipient['state'];
export type ChangeStatus = ClauseChange['status'];
export type ItemKind = DraftItem['kind'];
export type Decision = FeedbackItemDecision['decision'];
