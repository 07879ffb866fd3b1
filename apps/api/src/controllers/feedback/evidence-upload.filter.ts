import { ArgumentsHost, Catch, ExceptionFilter, PayloadTooLargeException } from '@nestjs/common';
import type { Response } from 'express';

/** multer stops an upload over the limit before the service sees it: answer with the evidence code. */
@Catch(PayloadTooLargeException)
export class EvidenceUploadFilter implements ExceptionFilter {
  catch(_error: PayloadTooLargeException, host: ArgumentsHost): void {
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(413)
      .json({ statusCode: 413, code: 'EVIDENCE_TOO_LARGE', message: '盖章文件扫描件不能超过 20 MB', details: { maxBytes: 20 * 1024 * 1024 } });
  }
}
