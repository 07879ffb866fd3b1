import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DECISIONS, Decision } from '@zq/adoption';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

// PostgreSQL text cannot hold NUL; refuse it at the door
const NO_NUL = /^[^\u0000]*$/;
const NO_NUL_MESSAGE = '$property 不能包含空字符';

export class FeedbackQueryDto {
  @ApiPropertyOptional({ description: '只看某单位的意见', format: 'uuid' }) @IsOptional() @IsUUID() unitId?: string;
  @ApiPropertyOptional({ description: '只看某条款的意见', format: 'uuid' }) @IsOptional() @IsUUID() clauseId?: string;
  @ApiPropertyOptional({ enum: [...DECISIONS, 'undecided'], description: '按采纳情况筛选；undecided = 未处理' })
  @IsOptional()
  @IsIn([...DECISIONS, 'undecided'])
  decision?: Decision | 'undecided';
}

export class DecisionDto {
  @ApiProperty({ enum: DECISIONS, description: 'adopted 采纳 / partially_adopted 部分采纳 / not_adopted 不采纳 / noted 已在其他条款体现或供参考' })
  @IsIn(DECISIONS)
  decision: Decision;

  @ApiPropertyOptional({ description: '理由/处理说明（不采纳、部分采纳时必填）' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  @Matches(NO_NUL, { message: NO_NUL_MESSAGE })
  reason?: string;

  @ApiPropertyOptional({ description: '采纳后的表述（部分采纳时填写，生成下一版本时代替单位的建议文字）' })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  @Matches(NO_NUL, { message: NO_NUL_MESSAGE })
  editedText?: string;

  @ApiPropertyOptional({ description: '未解决，转入下一轮继续征求（仅不采纳、供参考）' })
  @IsOptional()
  @IsBoolean()
  carryOver?: boolean;
}

export class BulkDecisionDto extends DecisionDto {
  @ApiPropertyOptional({ type: [String], description: '要处理的意见' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200_000)
  @IsUUID('all', { each: true })
  itemIds?: string[];

  @ApiPropertyOptional({ description: '其余未处理的全部意见（与 itemIds 二者选一）' })
  @IsOptional()
  @IsBoolean()
  allUndecided?: boolean;
}

export class GenerateNextVersionDto {
  @ApiProperty({ example: '送审稿', description: '新版本名称' }) @IsString() @MaxLength(50) @Matches(NO_NUL, { message: NO_NUL_MESSAGE }) label: string;
  @ApiPropertyOptional({ description: '标题，默认为“政策名称（新版本名称）”' }) @IsOptional() @IsString() @MaxLength(500) title?: string;
  @ApiPropertyOptional({ description: '已生成过时，按最新的采纳情况重新生成（放弃对原下一版本的修改）' }) @IsOptional() @IsBoolean() replace?: boolean;
}

export class ResolveChangeDto {
  @ApiPropertyOptional({ description: '人工修改后的条文' }) @IsOptional() @IsString() @MaxLength(20000) @Matches(NO_NUL, { message: NO_NUL_MESSAGE }) text?: string;
  @ApiPropertyOptional({ description: '人工修改后的标题' }) @IsOptional() @IsString() @MaxLength(500) @Matches(NO_NUL, { message: NO_NUL_MESSAGE }) heading?: string;
  @ApiPropertyOptional({ description: '处理说明（不修改条文时必填）' }) @IsOptional() @IsString() @MaxLength(5000) @Matches(NO_NUL, { message: NO_NUL_MESSAGE }) note?: string;
}

export class NextRoundDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200_000) letterText?: string;
  @ApiPropertyOptional({ example: '2023-07-10', description: '反馈截止日期（上海时间当日结束）' }) @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/) deadlineDate?: string;
  @ApiPropertyOptional({ description: '或：发出后 N 个工作日' }) @IsOptional() @IsInt() @Min(1) @Max(60) deadlineWorkdays?: number;
  @ApiPropertyOptional({ type: [String], description: '征求对象，默认与本轮相同' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(2000)
  @IsUUID('all', { each: true })
  recipientUnitIds?: string[];
}

export class AdoptionTableDownloadQuery {
  @ApiProperty({ enum: ['docx', 'xlsx'] }) @IsIn(['docx', 'xlsx']) format: 'docx' | 'xlsx' = 'xlsx';
}
