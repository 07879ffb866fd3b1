import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// Response bodies of these controllers, as sent (derived from the services' return types; keep them in step).

export class UnitRef {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String }) name: string;
}

export class UnitSummary {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['organizer', 'provincial_department', 'prefecture_city', 'city_office'] }) kind: 'organizer' | 'provincial_department' | 'prefecture_city' | 'city_office';
  @ApiProperty({ type: String }) shortName: string;
  @ApiProperty({ type: String }) fullName: string;
  @ApiProperty({ type: String, isArray: true }) aliases: (string)[];
  @ApiProperty({ type: String, nullable: true }) officeRole: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) parentId: string | null;
  @ApiProperty({ type: () => UnitSummaryContact, isArray: true }) contacts: UnitSummaryContact[];
}

export class UnitSummaryContact {
  @ApiProperty({ type: String }) name: string;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
  @ApiProperty({ type: Boolean }) isPrimary: boolean;
}

export class Unit {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['organizer', 'provincial_department', 'prefecture_city', 'city_office'] }) kind: 'organizer' | 'provincial_department' | 'prefecture_city' | 'city_office';
  @ApiProperty({ type: String }) shortName: string;
  @ApiProperty({ type: String }) fullName: string;
  @ApiProperty({ type: String, isArray: true }) aliases: (string)[];
  @ApiProperty({ enum: ['general_office', 'construction_authority', 'beautiful_towns_office'], nullable: true }) officeRole: 'general_office' | 'construction_authority' | 'beautiful_towns_office' | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) parentId: string | null;
  @ApiPropertyOptional({ type: () => Unit, nullable: true }) parent?: Unit | null;
  @ApiPropertyOptional({ type: () => UnitContact, isArray: true }) contacts?: UnitContact[];
  @ApiProperty({ type: Number, description: 'ordering within its group as an office lists units (附件2 order)' }) sortOrder: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
}

export class UnitResolution {
  @ApiProperty({ enum: ['unknown', 'resolved', 'ambiguous'] }) status: 'unknown' | 'resolved' | 'ambiguous';
  @ApiPropertyOptional({ type: String }) name?: string;
  @ApiPropertyOptional({ type: () => Unit }) unit?: Unit;
  @ApiPropertyOptional({ type: () => Unit, isArray: true }) candidates?: Unit[];
}

export class UnitContact {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid' }) unitId: string;
  @ApiPropertyOptional({ type: () => Unit }) unit?: Unit;
  @ApiProperty({ type: String }) name: string;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
  @ApiProperty({ type: Boolean }) isPrimary: boolean;
}

export class UnitUser {
  @ApiProperty({ type: String, format: 'uuid' }) id: string;
  @ApiProperty({ type: String }) username: string;
  @ApiProperty({ type: String }) displayName: string;
  @ApiProperty({ enum: ['office_admin', 'office_staff', 'unit_drafter', 'unit_approver'] }) role: 'office_admin' | 'office_staff' | 'unit_drafter' | 'unit_approver';
  @ApiProperty({ type: String, nullable: true }) email: string | null;
}
