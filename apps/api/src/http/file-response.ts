import { StreamableFile } from '@nestjs/common';
import type { FileDownload } from '@zq/common';

/**
 * The one way a controller sends a file: `return fileResponse(await service.export(…))`. Sent as
 * an attachment under its UTF-8 name (filename*, RFC 6266/5987) with an ASCII fallback, its
 * type and length; no @Res() needed, so interceptors and the error filter still apply.
 */
export function fileResponse(file: FileDownload, how: 'attachment' | 'inline' = 'attachment'): StreamableFile {
  return new StreamableFile(file.body, { type: file.mime, length: file.body.length, disposition: contentDisposition(file, how) });
}

/** `inline` shows the file in the browser (a scan beside the items); `attachment` downloads it. */
export function contentDisposition(file: Pick<FileDownload, 'fileName' | 'asciiName'>, how: 'attachment' | 'inline' = 'attachment'): string {
  const ext = /\.[A-Za-z0-9]{1,8}$/.exec(file.fileName)?.[0] ?? '';
  const ascii = (file.asciiName ?? `download${ext}`).replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${how}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`;
}
