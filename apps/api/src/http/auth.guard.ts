import { CanActivate, createParamDecorator, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Actor, AuthService } from '@zq/access';
import { DomainError } from '@zq/common';

const PUBLIC = 'zq:public';
/** Marks a route that needs no sign-in (login, health, receipt verification); its OpenAPI operation says `security: []`. */
export const Public = () => SetMetadata(PUBLIC, true);

/** Whether a route (handler or its whole controller) is marked @Public(). */
export const isPublicRoute = (handler: Function, controller: Function): boolean =>
  Reflect.getMetadata(PUBLIC, handler) === true || Reflect.getMetadata(PUBLIC, controller) === true;

/** Every route needs a valid bearer token unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, [ctx.getHandler(), ctx.getClass()])) return true;
    const req = ctx.switchToHttp().getRequest();
    const header: string | undefined = req.headers.authorization;
    // the scheme is case-insensitive (RFC 6750 §2.1, RFC 9110 §11.1)
    const token = /^bearer +(\S+)\s*$/i.exec(header ?? '')?.[1];
    if (!token) throw new DomainError('unauthenticated', 'UNAUTHENTICATED', '请先登录');
    req.actor = await this.auth.verifyToken(token);
    return true;
  }
}

/** The signed-in user, as services expect it. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => ctx.switchToHttp().getRequest().actor);
