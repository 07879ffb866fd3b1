import { Inject, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AccessErrors } from './errors';
import { DirectoryService, Unit } from '@zq/directory';
import { invitationMail, MailService } from '@zq/mail';
import { APP_CONFIG, AppConfig, recordAudit } from '@zq/persistence';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { UnitOfWork } from '@zq/jobs';
import { AccessPolicy } from './access-policy';
import { hashPassword, verifyPassword } from './password-hashing';
import { Actor, isOffice, OFFICE_ROLES, Role, UNIT_ROLES } from './roles';
import { AppUser, Invitation } from './user.entity';

export const DEMO_PASSWORD = 'demo1234';

/**
 * Failed sign-ins before a 15-minute lock: 5 per user name; 20 per client address (a whole office may
 * sit behind one NAT address, so one clumsy colleague must not lock out the rest).
 */
export const LOGIN_LIMITS = { perUsername: 5, perAddress: 20, windowSeconds: 15 * 60 };

let dummy: Promise<string> | null = null;
/** A hash with the same parameters as real ones, made once, for names that do not exist. */
const dummyHash = () => (dummy ??= hashPassword(randomBytes(16).toString('hex')));
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface TokenClaims {
  sub: string;
  role: Role;
  unitId: string | null;
  parentUnitId: string | null;
  username: string;
  name: string;
}

export interface DemoAccount {
  username: string;
  role: Role;
  displayName: string;
  unitShortName: string | null;
}

@Injectable()
export class AuthService {
  private readonly log = new Logger('Auth');

  constructor(
    private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly uow: UnitOfWork,
    private readonly mail: MailService,
    private readonly directory: DirectoryService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(username: string, password: string, address?: string): Promise<{ accessToken: string; expiresIn: number; user: Actor }> {
    const keys = [`user:${username.normalize('NFC').toLowerCase()}`, ...(address ? [`addr:${address}`] : [])];
    await this.refuseIfLocked(keys);
    const user = await this.dataSource.getRepository(AppUser).findOne({ where: { username }, relations: { unit: true } });
    // One answer, and the same work, for "no such user" and "wrong password", so names cannot be probed:
    // an unknown name is checked against a dummy hash.
    const hash = user?.active ? user.passwordHash : await dummyHash();
    const ok = (await verifyPassword(hash, password)) && !!user?.active;
    if (!user || !ok) {
      await this.countFailure(keys, user?.id ?? null, username, address);
      throw AccessErrors.loginFailed();
    }
    await this.dataSource.query(`DELETE FROM login_throttle WHERE key = $1`, [keys[0]]);
    const actor = toActor(user);
    const claims: TokenClaims = {
      sub: actor.userId,
      role: actor.role,
      unitId: actor.unitId,
      parentUnitId: actor.parentUnitId,
      username: actor.username,
      name: actor.displayName,
    };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn: this.config.jwtTtlSeconds });
    return { accessToken, expiresIn: this.config.jwtTtlSeconds, user: actor };
  }

  private async refuseIfLocked(keys: string[]): Promise<void> {
    const [locked]: { key: string; seconds: number }[] = await this.dataSource.query(
      `SELECT key, ceil(extract(epoch FROM locked_until - now()))::int AS seconds FROM login_throttle
        WHERE key = ANY($1) AND locked_until > now() ORDER BY locked_until DESC LIMIT 1`,
      [keys],
    );
    if (locked)
      throw AccessErrors.loginLocked(Math.ceil(locked.seconds / 60), {
        retryAfterSeconds: locked.seconds,
        scope: locked.key.startsWith('user:') ? 'username' : 'address',
      });
  }

  /** One more failure per key in the current window; the one that reaches the limit locks the key, audited. */
  private async countFailure(keys: string[], userId: string | null, username: string, address?: string): Promise<void> {
    const limits = keys.map((k) => (k.startsWith('user:') ? LOGIN_LIMITS.perUsername : LOGIN_LIMITS.perAddress));
    const rows: { key: string; failures: number; locked: boolean }[] = await this.dataSource.query(
      `INSERT INTO login_throttle AS t (key, failures, window_started_at, locked_until)
         SELECT k, 1, now(), CASE WHEN l <= 1 THEN now() + make_interval(secs => $3) END FROM unnest($1::text[], $2::int[]) AS x(k, l)
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN t.window_started_at < now() - make_interval(secs => $3) THEN 1 ELSE t.failures + 1 END,
         window_started_at = CASE WHEN t.window_started_at < now() - make_interval(secs => $3) THEN now() ELSE t.window_started_at END,
         locked_until = CASE
           WHEN (CASE WHEN t.window_started_at < now() - make_interval(secs => $3) THEN 1 ELSE t.failures + 1 END)
                >= (SELECT l FROM unnest($1::text[], $2::int[]) AS y(k, l) WHERE y.k = t.key)
           THEN now() + make_interval(secs => $3) ELSE t.locked_until END
       RETURNING key, failures, (locked_until > now()) AS locked`,
      [keys, limits, LOGIN_LIMITS.windowSeconds],
    );
    const lockedNow = rows.filter((r) => r.locked && r.failures === limits[keys.indexOf(r.key)]);
    if (lockedNow.length)
      await recordAudit(
        this.dataSource.manager,
        lockedNow.map((r) => ({
          actorUserId: null,
          action: 'login.locked',
          entityType: r.key.startsWith('user:') ? 'app_user' : 'client_address',
          entityId: r.key.startsWith('user:') ? (userId ?? r.key) : r.key,
          data: { username, address: address ?? null, failures: r.failures, minutes: LOGIN_LIMITS.windowSeconds / 60 },
        })),
      );
  }

  async verifyToken(token: string): Promise<Actor> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch {
      throw AccessErrors.tokenInvalid();
    }
    return {
      userId: claims.sub,
      role: claims.role,
      unitId: claims.unitId,
      parentUnitId: claims.parentUnitId,
      username: claims.username,
      displayName: claims.name,
    };
  }

  async createUser(input: { username: string; password: string; role: Role; displayName?: string; unitId?: string | null; email?: string | null }, em: EntityManager = this.dataSource.manager): Promise<AppUser> {
    if (input.password.length < 8) throw AccessErrors.passwordTooShort({ field: 'password' });
    if (UNIT_ROLES.includes(input.role) && !input.unitId) throw AccessErrors.unitRequired({ field: 'unitId' });
    if (OFFICE_ROLES.includes(input.role) && input.unitId) throw AccessErrors.unitNotAllowed({ field: 'unitId' });
    const taken = await em.getRepository(AppUser).exists({ where: { username: input.username } });
    if (taken) throw AccessErrors.usernameTaken(input.username, { field: 'username' });
    const user = em.getRepository(AppUser).create({
      username: input.username,
      displayName: input.displayName ?? input.username,
      email: input.email ?? null,
      passwordHash: await hashPassword(input.password),
      role: input.role,
      unitId: input.unitId ?? null,
    });
    await em.getRepository(AppUser).insert(user);
    await recordAudit(em, { actorUserId: null, action: 'user.created', entityType: 'app_user', entityId: user.id, data: { username: user.username, role: user.role } });
    return user;
  }

  /** Demo mode: one user per role for the office, and a drafter and an approver for every unit. */
  async seedDemoUsersIfEmpty(): Promise<number> {
    const repo = this.dataSource.getRepository(AppUser);
    if ((await repo.count()) > 0) return 0;
    const hash = await hashPassword(DEMO_PASSWORD); // one hash for all: hashing 100+ at boot is seconds of CPU
    const units = await this.dataSource.getRepository(Unit).find({ order: { kind: 'ASC', sortOrder: 'ASC' } });
    const rows: Partial<AppUser>[] = [
      { username: 'admin', displayName: '省美丽城镇办管理员（演示）', role: 'office_admin', unitId: null },
      { username: 'staff', displayName: '省美丽城镇办工作人员（演示）', role: 'office_staff', unitId: null },
    ];
    for (const u of units) {
      if (u.kind === 'organizer' || u.kind === 'prefecture_city') continue;
      rows.push({ username: `${u.shortName}.drafter`, displayName: `${u.shortName}起草人（演示）`, role: 'unit_drafter', unitId: u.id });
      rows.push({ username: `${u.shortName}.approver`, displayName: `${u.shortName}签发人（演示）`, role: 'unit_approver', unitId: u.id });
    }
    await repo.createQueryBuilder().insert().values(rows.map((r) => ({ ...r, passwordHash: hash, isDemo: true }))).execute();
    this.log.log(`demo accounts created: ${rows.length} (password ${DEMO_PASSWORD})`);
    return rows.length;
  }

  async demoAccounts(): Promise<DemoAccount[]> {
    if (!this.config.demoMode) return [];
    const users = await this.dataSource.getRepository(AppUser).find({ where: { isDemo: true, active: true }, relations: { unit: true }, order: { createdAt: 'ASC', username: 'ASC' } });
    return users.map((u) => ({ username: u.username, role: u.role, displayName: u.displayName, unitShortName: u.unit?.shortName ?? null }));
  }

  /** The accounts of a unit: for the office, or for that unit's own users. */
  async listUnitUsers(actor: Actor, unitId: string): Promise<{ id: string; username: string; displayName: string; role: Role; email: string | null }[]> {
    // account management is the administrator's; a unit's own users may see their colleagues
    if (isOffice(actor)) AccessPolicy.requireOfficeAdmin(actor);
    else AccessPolicy.requireUnitAccess(actor, unitId, '该单位的账号');
    const users = await this.dataSource.getRepository(AppUser).find({ where: { unitId }, order: { username: 'ASC' } });
    return users.map((u) => ({ id: u.id, username: u.username, displayName: u.displayName, role: u.role, email: u.email }));
  }

  /** Sends an invitation link to a unit contact; the link lets them set a password for a new account. */
  async invite(actor: Actor, input: { unitId: string; email: string; role: Role; name?: string }): Promise<{ invitationId: string; expiresAt: Date }> {
    AccessPolicy.requireOfficeAdmin(actor);
    if (!UNIT_ROLES.includes(input.role)) throw AccessErrors.roleNotInvitable({ field: 'role' });
    const unit = await this.directory.get(input.unitId);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + 14 * 24 * 3600 * 1000);
    return this.uow.run(async (em) => {
      const inv = em.getRepository(Invitation).create({ tokenHash: sha256(token), unitId: unit.id, email: input.email, role: input.role, expiresAt, createdBy: actor.userId });
      await em.getRepository(Invitation).insert(inv);
      const rendered = invitationMail({
        unitName: unit.shortName,
        contactName: input.name ?? '',
        url: `${this.config.publicUrl}/invite/${token}`,
        expiresAt: expiresAt.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }),
      });
      await this.mail.compose(em, [{ ...rendered, dedupeKey: `invitation.${inv.id}`, purpose: 'invitation', to: input.email, toName: input.name, unitId: unit.id }]);
      await recordAudit(em, { actorUserId: actor.userId, action: 'invitation.created', entityType: 'invitation', entityId: inv.id, data: { unitId: unit.id, email: input.email, role: input.role } });
      return { invitationId: inv.id, expiresAt };
    });
  }

  async acceptInvitation(token: string, input: { username: string; password: string; displayName?: string }): Promise<Actor> {
    return this.dataSource.transaction(async (em) => {
      const inv = await em.getRepository(Invitation).findOne({ where: { tokenHash: sha256(token) }, lock: { mode: 'pessimistic_write' } });
      if (!inv) throw AccessErrors.invitationNotFound();
      if (inv.acceptedAt) throw AccessErrors.invitationUsed();
      if (inv.expiresAt.getTime() < Date.now()) throw AccessErrors.invitationExpired();
      const user = await this.createUser({ ...input, role: inv.role, unitId: inv.unitId, email: inv.email }, em);
      await em.getRepository(Invitation).update(inv.id, { acceptedAt: new Date(), userId: user.id });
      const withUnit = await em.getRepository(AppUser).findOneOrFail({ where: { id: user.id }, relations: { unit: true } });
      return toActor(withUnit);
    });
  }
}

export function toActor(user: AppUser): Actor {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    unitId: user.unitId,
    parentUnitId: user.unit?.kind === 'city_office' ? user.unit.parentId : null,
  };
}
