import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
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

  /**
   * Recomputes the digest from the stored text and from the stored rows, checks the signature and the
   * chain link. Needs the receipt's 核验码 (`code`, printed on it): a number alone reveals nothing.
   */
  @Public()
  @Get(':trackingNo/verify')
  @ApiOperation({ summary: '核验回执（回执编号 + 核验码）' })
  @ApiQuery({ name: 'code', required: true, description: '回执上的核验码（摘要前 16 位，也可填完整摘要）', example: '3F2A9C0B17D4E6A8' })
  @ApiResult(ReceiptVerification)
  @ApiErrors({ 400: ['TRACKING_NUMBER_INVALID'], 404: ['RECEIPT_NOT_FOUND'] })
  verify(@Param('trackingNo') trackingNo: string, @Query('code') code?: string): Promise<ReceiptVerification> {
    return this.receipts.verify(trackingNo, typeof code === 'string' ? code : undefined);
  }
}
