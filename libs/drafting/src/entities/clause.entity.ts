import { Unit } from '@zq/directory';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { ClauseKind } from '../clause-tree';
import { DraftVersion } from './policy.entity';

/** 条款: one node of a version's clause tree. */
@Entity('clause')
@Index('clause_version_lineage_uq', ['versionId', 'lineageKey'], { unique: true })
@Index('clause_version_ordinal_idx', ['versionId', 'ordinal'])
@Index('clause_parent_idx', ['parentId'])
@Check('clause_kind_chk', `kind IN ('part','section','item','subitem','paragraph','annex','table','chapter','article')`)
export class Clause {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  versionId: string;

  @ManyToOne(() => DraftVersion, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id' })
  version?: DraftVersion;

  @Column('uuid', { nullable: true })
  parentId: string | null;

  @ManyToOne(() => Clause, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'parent_id' })
  parent?: Clause | null;

  /** 0-based place among its siblings */
  @Column('int')
  position: number;

  /** 0-based place in document order within the version (pre-order walk) */
  @Column('int')
  ordinal: number;

  @Column('text')
  kind: ClauseKind;

  /** as printed: 一、 （一） 1. （1） 附件; '' for paragraphs and tables */
  @Column('text', { default: '' })
  label: string;

  @Column('int', { nullable: true })
  number: number | null;

  @Column('text', { default: '' })
  heading: string;

  @Column('text', { default: '' })
  text: string;

  /** 条款沿革: the same key for "the same clause" in every version of the policy */
  @Column('uuid')
  lineageKey: string;

  /** rows and cells of a table clause (header first) */
  @Column('jsonb', { nullable: true })
  tableRows: string[][] | null;

  /** the 责任单位 note as printed */
  @Column('text', { nullable: true })
  responsibilityRaw: string | null;
}

/** 责任单位 / 牵头单位 of a clause. */
@Entity('clause_responsibility')
@Index('clause_responsibility_clause_idx', ['clauseId'])
@Index('clause_responsibility_unit_idx', ['unitId'])
export class ClauseResponsibility {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  clauseId: string;

  @ManyToOne(() => Clause, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'clause_id' })
  clause?: Clause;

  /** null when the printed name resolved to no unit */
  @Column('uuid', { nullable: true })
  unitId: string | null;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Unit | null;

  /** the directory's short name when resolved, else as printed */
  @Column('text')
  name: string;

  @Column('boolean', { default: false })
  isLead: boolean;

  @Column('int')
  position: number;
}
