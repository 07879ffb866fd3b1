import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { DirectoryModule } from '@zq/directory';
import { MailModule } from '@zq/mail';
import { APP_CONFIG, AppConfig, JWT_SECRET } from '@zq/persistence';
import { AuthService } from './auth.service';

@Module({
  imports: [
    DirectoryModule,
    MailModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG, JWT_SECRET],
      // a KeyObject spares jsonwebtoken from trying the secret as a public key on every check
      useFactory: (config: AppConfig, secret: string) => ({ secret: createSecretKey(Buffer.from(secret)) as never, signOptions: { expiresIn: config.jwtTtlSeconds, issuer: 'zhengqiu-yijian' } }),
    }),
  ],
  providers: [AuthService],
  exports: [AuthService],
})
export class AccessModule {}
