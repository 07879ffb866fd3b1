import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { CLAUSE_KINDS, type ClauseKind, TREE_OPERATIONS, type TreeOperation } from '@zq/drafting';

/** One correction: which clause (its id in a version; its path "1.0.2" in a preview) and what to do. */
export class TreeOperationDto {
  @ApiProperty({ enum: TREE_OPERATIONS, description: 'set_kind 改类型 · promote 升级 · demote 降级 · split 拆分 · merge_previous 与上一条合并 · edit 改标题/正文 · move_note 移动责任单位 · set_lead 设牵头单位' })
  @IsIn(TREE_OPERATIONS as unknown as string[])
  op: TreeOperation['op'];

  @ApiProperty({ description: '条款：版本中为条款 id，预览中为位置路径（如 1.0.2）', maxLength: 100 }) @IsString() @MaxLength(100) key: string;
  @ApiPropertyOptional({ enum: CLAUSE_KINDS, description: 'set_kind：新类型' }) @IsOptional() @IsIn(CLAUSE_KINDS as unknown as string[]) kind?: ClauseKind;
  @ApiPropertyOptional({ type: Number, description: 'split：在第几个字之后拆分', minimum: 1 }) @IsOptional() @IsInt() @Min(1) offset?: number;
  @ApiPropertyOptional({ enum: ['text', 'heading'], description: 'split：拆分正文（默认）或标题' }) @IsOptional() @IsIn(['text', 'heading']) field?: 'text' | 'heading';
  @ApiPropertyOptional({ type: String, maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) heading?: string;
  @ApiPropertyOptional({ type: String, maxLength: 100_000 }) @IsOptional() @IsString() @MaxLength(100_000) text?: string;
  @ApiPropertyOptional({ type: String, description: 'move_note：目标条款', maxLength: 100 }) @IsOptional() @IsString() @MaxLength(100) to?: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'set_lead：牵头单位名称（null：不设牵头单位）', maxLength: 200 })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(200)
  unit?: string | null;
}

export class TreeEditDto {
  @ApiProperty({ type: [TreeOperationDto], maxItems: 200, minItems: 1 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => TreeOperationDto)
  operations: TreeOperationDto[];
}

export class PreviewEditDto extends TreeEditDto {
  @ApiProperty({ description: '预览返回的条款树（clauses）', type: 'array', items: { type: 'object' }, maxItems: 20000 })
  @IsArray()
  @ArrayMaxSize(20000)
  clauses: unknown[];

  @ApiPropertyOptional({ enum: ['continuous', 'per_section'], default: 'per_section' }) @IsOptional() @IsIn(['continuous', 'per_section']) numbering?: 'continuous' | 'per_section';
}
