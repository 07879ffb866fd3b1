import { Controller, Get, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ReceiptService } from '@zq/feedback';
import { Public } from '../../http/auth.guard';

/** Anyone holding a 回执 can check it: no sign-in needed. */
@ApiTags('receipts')
@Controller('receipts')
export class ReceiptsController {
  constructor(private readonly receipts: ReceiptService) {}

  /** The Ed25519 public key receipts are signed with (PEM) and its key id. */
  @Public()
  @Get('public-key')
  publicKey() {
    return this.receipts.publicKey();
  }

  /** Recomputes the digest from the stored text and from the stored rows, checks the signature and the chain link. */
  @Public()
  @Get(':trackingNo/verify')
  verify(@Param('trackingNo') trackingNo: string) {
    return this.receipts.verify(trackingNo);
  }
}
