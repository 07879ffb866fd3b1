import { INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { OpenAPIObject } from '@nestjs/swagger';
import { apiControllers } from '../api.module';
import { API_PREFIX, API_PREFIX_EXCLUDE, buildOpenApiDocument } from './document';

/**
 * The controllers alone, every constructor dependency an empty stand-in: enough for the swagger
 * scanner, which reads decorator metadata only. No database, queue or mail is touched.
 */
export async function createContractApp(): Promise<INestApplication> {
  const tokens = new Set<unknown>();
  for (const controller of apiControllers) {
    for (const dep of (Reflect.getMetadata('design:paramtypes', controller) as unknown[] | undefined) ?? []) tokens.add(dep);
    for (const { param } of (Reflect.getMetadata('self:paramtypes', controller) as { param: unknown }[] | undefined) ?? []) tokens.add(param);
  }
  @Module({ controllers: apiControllers as never[], providers: [...tokens].map((provide) => ({ provide: provide as never, useValue: {} })) })
  class ContractModule {}
  const app = await NestFactory.create(ContractModule, { logger: false, abortOnError: false });
  app.setGlobalPrefix(API_PREFIX, { exclude: API_PREFIX_EXCLUDE });
  return app;
}

/** The API's OpenAPI document built from controller metadata alone. */
export async function contractDocument(): Promise<OpenAPIObject> {
  const app = await createContractApp();
  try {
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
  }
}
