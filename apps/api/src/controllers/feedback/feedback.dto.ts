import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ITEM_KINDS, ItemKind } from '@zq/feedback';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

// PostgreSQL text cannot hold NUL; refuse it at the door rather than fail deep inside a transaction.
const NO_NUL = /^[^\u0000]*$/;
const NO_NUL_MESSAGE = '$property 不能包含空字符';

export class DraftItemDto {
  @ApiProperty({ description: '条目编号（客户端生成，自动保存时保持不变）', example: 'i1' })
  @IsString()
  @Length(1, 64)
  key: string;

  @ApiPropertyOptional({ type: String, description: '所针对的条款；null 表示不针对具体条款的总体意见', nullable: true, format: 'uuid' })
  @IsOptional()
  @IsUUID()
  clauseId?: string | null;

  @ApiPropertyOptional({ description: '原文（条款中的一段文字）', default: '' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  @Matches(NO_NUL, { message: NO_NUL_MESSAGE })
  quote?: string;

  @ApiProperty({ enum: ITEM_KINDS, description: '修改 modify / 删除 delete / 新增 add / 其他 other' })
  @IsIn(ITEM_KINDS)
  kind: ItemKind;

  @ApiPropertyOptional({ description: '建议修改为', default: '' })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  @Matches(NO_NUL, { message: NO_NUL_MESSAGE })
  proposedText?: string;

  @ApiPropertyOptional({ description: '理由', default: '' })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  @Matches(NO_NUL, { message: NO_NUL_MESSAGE })
  reason?: string;
}

export class HandOverDto {
  @ApiProperty({ description: '交给签发人的草稿版本号（须是最新保存的版本）', example: 3 })
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  version: number;
}

export class SaveDraftDto {
  @ApiProperty({ description: '本次修改所基于的草稿版本号（从未保存过为 0）', example: 0 })
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  baseVersion: number;

  @ApiProperty({ enum: ['with_comments', 'no_comment'], description: '有意见 / 无意见' })
  @IsIn(['with_comments', 'no_comment'])
  kind: 'with_comments' | 'no_comment';

  @ApiProperty({ type: [DraftItemDto] })
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => DraftItemDto)
  items: DraftItemDto[];
}

export class SealRefDto {
  @ApiPropertyOptional({ description: '加盖公章的单位（本单位或本市的办公厅、建设局、美丽城镇办）', format: 'uuid' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ enum: ['unit', 'general_office', 'construction_authority', 'beautiful_towns_office'], description: '或按角色指定' })
  @IsOptional()
  @IsIn(['unit', 'general_office', 'construction_authority', 'beautiful_towns_office'])
  role?: 'unit' | 'general_office' | 'construction_authority' | 'beautiful_towns_office';

  @ApiProperty({ description: '盖章文件扫描件（先上传到 /rounds/:roundId/evidence）', format: 'uuid' })
  @IsUUID()
  evidenceFileId: string;
}

export class AttestationDto {
  @ApiProperty({ enum: ['general_office', 'department'], description: '由市政府办公厅（室）报送，或由部门报送并注明经市政府同意' })
  @IsIn(['general_office', 'department'])
  channel: 'general_office' | 'department';

  @ApiPropertyOptional({ type: String, nullable: true, description: '如：经市政府同意', example: '经市政府同意' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @Matches(NO_NUL, { message: NO_NUL_MESSAGE })
  statement?: string | null;
}

export class SignoffDto {
  @ApiProperty({ description: '签发人', example: '张三' })
  @IsString()
  @Length(1, 50)
  @Matches(NO_NUL, { message: NO_NUL_MESSAGE })
  signatory: string;

  @ApiProperty({ description: '联系人', example: '李四' })
  @IsString()
  @Length(1, 50)
  @Matches(NO_NUL, { message: NO_NUL_MESSAGE })
  contactName: string;

  @ApiProperty({ description: '联系电话', example: '0571-87000000' })
  @IsString()
  @Matches(/^[0-9+()\- 转]{5,30}$/, { message: 'contactPhone 应为电话号码' })
  contactPhone: string;

  @ApiProperty({ type: [SealRefDto] })
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => SealRefDto)
  seals: SealRefDto[];

  @ApiPropertyOptional({ type: AttestationDto, nullable: true, description: '设区市反馈：经市政府同意' })
  @IsOptional()
  @ValidateNested()
  @Type(() => AttestationDto)
  attestation?: AttestationDto | null;
}

export class SealDto extends SignoffDto {
  @ApiProperty({ description: '签发人审阅的草稿版本号：草稿此后又被修改则不予盖章', example: 3 })
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  draftVersion: number;
}

export class WithdrawDto extends SignoffDto {
  @ApiProperty({ description: '撤回理由' })
  @IsString()
  @Length(1, 2000)
  @Matches(NO_NUL, { message: NO_NUL_MESSAGE })
  reason: string;
}

export class ReturnDto {
  @ApiProperty({ description: '退回原因', example: '缺少市政府同意的说明' })
  @IsString()
  @Length(1, 2000)
  @Matches(NO_NUL, { message: NO_NUL_MESSAGE })
  reason: string;
}

export class AcceptDto {
  @ApiPropertyOptional({ description: '备注' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Matches(NO_NUL, { message: NO_NUL_MESSAGE })
  note?: string;
}

export class SubmissionListQuery {
  @ApiPropertyOptional({ description: '只列各单位最新的提交' })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  latestOnly?: boolean;
}
