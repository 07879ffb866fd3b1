import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReceiptService } from '@zq/feedback';
import { ApiErrors, ApiResult } from '../../http/api-docs';
import { Public } from '../../http/auth.guard';
import { ReceiptPublicKey, ReceiptVerification } from './feedback.responses';

/** Anyone holding a 回执 can check it: no sign-in needed. */
@ApiTags('receipts')
@Controller('receipts')
export class ReceiptsController {
  constructor(private readonly receipts: ReceiptService) {}

  /** The Ed25519 public key receipts are signed with (PEM) and its key id. */
  @Public()
  @Get('public-key')
  @ApiOperation({ summary: '回执签名公钥' })
  @ApiResult(ReceiptPublicKey)
  publicKey(): Promise<ReceiptPublicKey> {
    return this.receipts.publicKey();
  }

  /** Recomputes the digest from the stored text and from the stored rows, checks the signature and the chain link. */
  @Public()
  @Get(':trackingNo/verify')
  @ApiOperation({ summary: '核验回执' })
  @ApiResult(ReceiptVerification)
  @ApiErrors({ 400: ['TRACKING_NUMBER_INVALID'], 404: ['RECEIPT_NOT_FOUND'] })
  verify(@Param('trackingNo') trackingNo: string): Promise<ReceiptVerification> {
    return this.receipts.verify(trackingNo);
  }
}
