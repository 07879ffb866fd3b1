import { Injectable, Logger } from '@nestjs/common';
import { DirectoryErrors } from './errors';
import { DataSource, EntityManager } from 'typeorm';
import { demoDirectory, demoEmail } from './demo-directory';
import { normalizeUnitName, Resolution, UnitNameResolver } from './name-resolver';
import { Unit, UnitContact } from './unit.entity';
import type { UnitKind } from './unit-kinds';

export interface UnitView {
  id: string;
  kind: UnitKind;
  shortName: string;
  fullName: string;
  aliases: string[];
  officeRole: string | null;
  parentId: string | null;
  contacts: { name: string; email: string | null; phone: string | null; isPrimary: boolean }[];
}

@Injectable()
export class DirectoryService {
  private readonly log = new Logger('Directory');
  private resolverCache: { at: number; resolver: UnitNameResolver<Unit> } | null = null;

  constructor(private readonly dataSource: DataSource) {}

  /**
   * `contactsOf`: whose contacts to include — 'all' (the office) or the unit ids a unit user acts for;
   * other units' contacts (names, e-mails, phones) are left out (empty list).
   */
  async search(query: { q?: string; kind?: UnitKind; parentId?: string }, contactsOf: ContactScope = 'all'): Promise<UnitView[]> {
    const qb = this.dataSource
      .getRepository(Unit)
      .createQueryBuilder('u')
      .leftJoinAndSelect('u.contacts', 'c')
      .orderBy('u.kind', 'ASC')
      .addOrderBy('u.sortOrder', 'ASC')
      .addOrderBy('u.shortName', 'ASC');
    if (query.kind) qb.andWhere('u.kind = :kind', { kind: query.kind });
    if (query.parentId) qb.andWhere('u.parentId = :parentId', { parentId: query.parentId });
    if (query.q?.trim()) {
      const q = normalizeUnitName(query.q);
      qb.andWhere(
        `(u.short_name ILIKE :like OR u.full_name ILIKE :like OR EXISTS (SELECT 1 FROM unnest(u.aliases) a WHERE a ILIKE :like))`,
        { like: `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%` },
      );
    }
    return (await qb.getMany()).map((u) => toView(u, contactsOf));
  }

  async get(id: string, contactsOf: ContactScope = 'all'): Promise<UnitView> {
    const unit = await this.dataSource.getRepository(Unit).findOne({ where: { id }, relations: { contacts: true } });
    if (!unit) throw DirectoryErrors.unitNotFound({ id });
    return toView(unit, contactsOf);
  }

  /** A resolver over the units in the database (cached for a few seconds: the directory changes rarely). */
  async resolver(): Promise<UnitNameResolver<Unit>> {
    if (this.resolverCache && Date.now() - this.resolverCache.at < 5000) return this.resolverCache.resolver;
    const units = await this.dataSource.getRepository(Unit).find();
    const resolver = new UnitNameResolver(units);
    this.resolverCache = { at: Date.now(), resolver };
    return resolver;
  }

  async resolve(name: string): Promise<Resolution<Unit>> {
    return (await this.resolver()).resolve(name);
  }

  /** Loads the demo directory when the unit table is empty. Returns how many units were created. */
  async seedDemoIfEmpty(em: EntityManager = this.dataSource.manager): Promise<number> {
    const existing = await em.getRepository(Unit).count();
    if (existing > 0) return 0;
    const facts = demoDirectory();
    const parents = facts.filter((f) => !f.parentShortName);
    const children = facts.filter((f) => f.parentShortName);
    const toRow = (f: (typeof facts)[number], i: number, parentId: string | null = null) => ({
      kind: f.kind,
      shortName: f.shortName,
      fullName: f.fullName,
      aliases: f.aliases,
      officeRole: f.officeRole ?? null,
      parentId,
      sortOrder: i,
    });
    const inserted = await em.createQueryBuilder().insert().into(Unit).values(parents.map((f, i) => toRow(f, i))).returning(['id', 'shortName']).execute();
    const idByName = new Map<string, string>((inserted.raw as { id: string; short_name: string }[]).map((r) => [r.short_name, r.id]));
    const childRows = await em
      .createQueryBuilder()
      .insert()
      .into(Unit)
      .values(children.map((f, i) => toRow(f, i, idByName.get(f.parentShortName!)!)))
      .returning(['id', 'shortName'])
      .execute();
    for (const r of childRows.raw as { id: string; short_name: string }[]) idByName.set(r.short_name, r.id);
    // Demo contacts on the reserved example.org domain; a city itself is reached through its offices.
    const contacts = facts
      .filter((f) => f.kind !== 'prefecture_city')
      .map((f, i) => ({
        unitId: idByName.get(f.shortName)!,
        name: `${f.shortName}联络员`,
        email: demoEmail(i + 1),
        phone: `0571-8800${String(i + 1).padStart(4, '0')}`,
        isPrimary: true,
      }));
    await em.createQueryBuilder().insert().into(UnitContact).values(contacts).execute();
    this.resolverCache = null;
    this.log.log(`demo directory loaded: ${facts.length} units`);
    return facts.length;
  }
}

/** Whose contacts a reader may see: 'all', or only these units' (a unit user's own unit and city). */
export type ContactScope = 'all' | readonly (string | null)[];

function toView(u: Unit, contactsOf: ContactScope = 'all'): UnitView {
  const showContacts = contactsOf === 'all' || contactsOf.includes(u.id);
  return {
    id: u.id,
    kind: u.kind,
    shortName: u.shortName,
    fullName: u.fullName,
    aliases: u.aliases,
    officeRole: u.officeRole,
    parentId: u.parentId,
    contacts: (showContacts ? (u.contacts ?? []) : []).map((c) => ({ name: c.name, email: c.email, phone: c.phone, isPrimary: c.isPrimary })),
  };
}
