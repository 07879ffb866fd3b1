import { createHash } from 'node:crypto';

/**
 * A file a mail carries, by reference: the mail_message row keeps only this (the bytes stay in the
 * store that owns them, with their SHA-256) and the sender reads them at send time, so a re-send
 * under the same Message-ID carries exactly the same files.
 */
export interface MailAttachmentRef {
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  /** which store holds the bytes (e.g. 'round_attachment_file') */
  store: string;
  /** the file's id in that store */
  ref: string;
}

/**
 * The port through which mail reads attachment bytes it does not own. Implemented by the library
 * that stores the files (consultation's letter attachments) and bound in `@zq/runtime`. Returns the
 * bytes in the order asked; a file it does not have is `null`.
 */
export abstract class MailAttachmentStore {
  abstract read(refs: MailAttachmentRef[]): Promise<(Buffer | null)[]>;
}

export const sha256Of = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/** Why a mail's attachments cannot be sent as they were composed, or null when every file is there, unchanged. */
export function attachmentProblem(refs: MailAttachmentRef[], contents: (Buffer | null)[]): string | null {
  for (let i = 0; i < refs.length; i++) {
    const c = contents[i];
    if (!c) return `附件“${refs[i].filename}”已不存在（${refs[i].store}/${refs[i].ref}）`;
    if (c.length !== refs[i].size || sha256Of(c) !== refs[i].sha256) return `附件“${refs[i].filename}”的内容与发出时登记的 SHA-256 不符`;
  }
  return null;
}
