import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import type { CityOfficeRole, UnitKind } from './unit-kinds';

/** A unit of the directory: the organizer, a provincial department, a prefecture city or one of its offices. */
@Entity('unit')
@Check('unit_kind_chk', `kind IN ('organizer','provincial_department','prefecture_city','city_office')`)
@Check('unit_office_role_chk', `(kind = 'city_office') = (office_role IS NOT NULL)`)
@Check('unit_office_role_values_chk', `office_role IS NULL OR office_role IN ('general_office','construction_authority','beautiful_towns_office')`)
@Index('unit_parent_idx', ['parentId'])
export class Unit {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  kind: UnitKind;

  @Column('text', { unique: true })
  shortName: string;

  @Column('text')
  fullName: string;

  @Column('text', { array: true, default: () => "'{}'" })
  aliases: string[];

  @Column('text', { nullable: true })
  officeRole: CityOfficeRole | null;

  @Column('uuid', { nullable: true })
  parentId: string | null;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id' })
  parent?: Unit | null;

  @OneToMany(() => UnitContact, (c) => c.unit)
  contacts?: UnitContact[];

  /** ordering within its group as an office lists units (附件2 order) */
  @Column('int', { default: 0 })
  sortOrder: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

@Entity('unit_contact')
@Index('unit_contact_unit_idx', ['unitId'])
export class UnitContact {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  unitId: string;

  @ManyToOne(() => Unit, (u) => u.contacts, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Unit;

  @Column('text')
  name: string;

  @Column('text', { nullable: true })
  email: string | null;

  @Column('text', { nullable: true })
  phone: string | null;

  @Column('boolean', { default: false })
  isPrimary: boolean;
}
