import { Unit } from '@zq/directory';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from './roles';

@Entity('app_user')
@Check('app_user_role_chk', `role IN ('office_admin','office_staff','unit_drafter','unit_approver')`)
@Check('app_user_unit_chk', `role NOT IN ('unit_drafter','unit_approver') OR unit_id IS NOT NULL`)
@Index('app_user_unit_idx', ['unitId'])
export class AppUser {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text', { unique: true })
  username: string;

  @Column('text')
  displayName: string;

  @Column('text', { nullable: true })
  email: string | null;

  @Column('text')
  passwordHash: string;

  @Column('text')
  role: Role;

  /** FK to unit; a unit user acts only for this unit (and, for a city office, its city) */
  @Column('uuid', { nullable: true })
  unitId: string | null;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Unit | null;

  @Column('boolean', { default: true })
  active: boolean;

  @Column('boolean', { default: false })
  isDemo: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** A link that lets a unit contact set a password; only the token's hash is stored. */
@Entity('invitation')
export class Invitation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text', { unique: true })
  tokenHash: string;

  @Column('uuid')
  unitId: string;

  @ManyToOne(() => Unit, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Unit;

  @Column('text')
  email: string;

  @Column('text')
  role: Role;

  @Column('timestamptz')
  expiresAt: Date;

  @Column('timestamptz', { nullable: true })
  acceptedAt: Date | null;

  @Column('uuid', { nullable: true })
  userId: string | null;

  @Column('uuid', { nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/**
 * Failed sign-ins counted per key (`user:<name>`, `addr:<ip>`) in a 15-minute window; past the
 * limit the key is locked until `lockedUntil`. In PostgreSQL, so every API replica sees the same count.
 */
@Entity('login_throttle')
export class LoginThrottle {
  @PrimaryColumn('text')
  key: string;

  @Column('int', { default: 0 })
  failures: number;

  @Column('timestamptz')
  windowStartedAt: Date;

  @Column('timestamptz', { nullable: true })
  lockedUntil: Date | null;
}
