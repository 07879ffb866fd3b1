import { Module } from '@nestjs/common';
import { DirectoryModule } from '@zq/directory';
import { DraftingService } from './drafting.service';

/** Policies, versions, clause trees: import, render, diff. */
@Module({ imports: [DirectoryModule], providers: [DraftingService], exports: [DraftingService] })
export class DraftingModule {}
