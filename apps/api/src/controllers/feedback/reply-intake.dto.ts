import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsUUID, Matches, ValidateNested } from 'class-validator';
import { DraftItemDto, SignoffDto } from './feedback.dto';

/** 代为录入: a letter the office received, its items checked against the scan. */
export class RecordReplyDto extends SignoffDto {
  @ApiPropertyOptional({ type: String, nullable: true, description: '来函单位：本单位（默认），或本市政府办公厅（室）等所属单位', format: 'uuid' })
  @IsOptional()
  @IsUUID()
  actingUnitId?: string | null;

  @ApiProperty({ enum: ['paper', 'oa_exchange', 'fax', 'email'], description: '收文渠道：纸质 / OA公文交换 / 传真 / 电子邮件' })
  @IsIn(['paper', 'oa_exchange', 'fax', 'email'])
  channel: 'paper' | 'oa_exchange' | 'fax' | 'email';

  @ApiProperty({ description: '收文日期（北京时间）', example: '2023-05-22', format: 'date' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'receivedOn 应为 YYYY-MM-DD' })
  receivedOn: string;

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

export class ReplyTemplateQuery {
  @ApiPropertyOptional({ enum: ['docx', 'xlsx'], default: 'docx' })
  @IsOptional()
  @IsIn(['docx', 'xlsx'])
  format?: 'docx' | 'xlsx';

  @ApiPropertyOptional({ description: '填报单位（办公室下载某单位的表；单位用户总是本单位）', format: 'uuid' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ description: '预先列出征求意见稿的条款序号', default: false })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  prefill?: boolean;
}
