/**
 * A file a service hands to a controller (exports, tables, letters): the controller sends it with
 * apps/api's fileResponse, so every download carries the same headers.
 */
export interface FileDownload {
  /** the name the user sees, in Chinese where it is Chinese (sent as RFC 5987 filename*) */
  fileName: string;
  mime: string;
  body: Buffer;
  /** the ASCII name for clients that ignore filename* (default: download.<extension>) */
  asciiName?: string;
}
