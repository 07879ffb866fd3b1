import { ApiProperty } from '@nestjs/swagger';

// Response bodies of these controllers, as sent (derived from the services' return types; keep them in step).

export class SignedInUser {
  @ApiProperty({ type: String, format: 'uuid' }) userId: string;
  @ApiProperty({ type: String }) username: string;
  @ApiProperty({ type: String }) displayName: string;
  @ApiProperty({ enum: ['office_admin', 'office_staff', 'unit_drafter', 'unit_approver'] }) role: 'office_admin' | 'office_staff' | 'unit_drafter' | 'unit_approver';
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the unit a unit user acts for (an office user belongs to the organizer)' }) unitId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the city a city office\'s user also acts for' }) parentUnitId: string | null;
}

export class LoginResult {
  @ApiProperty({ type: String }) accessToken: string;
  @ApiProperty({ type: Number }) expiresIn: number;
  @ApiProperty({ type: () => SignedInUser }) user: SignedInUser;
}

export class DemoAccount {
  @ApiProperty({ type: String }) username: string;
  @ApiProperty({ enum: ['office_admin', 'office_staff', 'unit_drafter', 'unit_approver'] }) role: 'office_admin' | 'office_staff' | 'unit_drafter' | 'unit_approver';
  @ApiProperty({ type: String }) displayName: string;
  @ApiProperty({ type: String, nullable: true }) unitShortName: string | null;
}

export class Invitation {
  @ApiProperty({ type: String, format: 'uuid' }) invitationId: string;
  @ApiProperty({ type: String, format: 'date-time' }) expiresAt: Date;
}
