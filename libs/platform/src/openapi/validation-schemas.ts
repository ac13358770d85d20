import { INestApplication } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

// The storage of `@Type()` (nested DTOs) is not among class-transformer's public exports.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as typeof import('class-transformer/types/storage');

type Schema = Record<string, unknown>;
type Ctor = new (...args: unknown[]) => unknown;

const PRIMITIVES = new Set<unknown>([String, Number, Boolean, Object, Array, Promise, Date]);

/**
 * The OpenAPI document from the class-validator rules the DTOs already carry
 * (they are what the ValidationPipe enforces), so every request body and query
 * appears with its fields without repeating them in `@ApiProperty`. What
 * `@ApiProperty` says is kept; only what is missing is added.
 */
export function describeValidatedDtos(app: INestApplication, document: OpenAPIObject): OpenAPIObject {
  const handlers = new Map<string, { controller: Ctor; method: string }>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Ctor | null;
      if (!controller?.prototype) continue;
      for (const method of Object.getOwnPropertyNames(controller.prototype)) {
        if (method !== 'constructor') handlers.set(`${controller.name}_${method}`, { controller, method });
      }
    }
  }
  const schemas = ((document.components ??= {}).schemas ??= {}) as Record<string, Schema>;
  const described = new Set<Ctor>();
  const describe = (cls: Ctor): string => {
    if (!described.has(cls)) {
      described.add(cls);
      schemas[cls.name] = mergeSchema(schemas[cls.name], schemaOf(cls, describe));
    }
    return `#/components/schemas/${cls.name}`;
  };

  for (const pathItem of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(pathItem as Record<string, Schema>)) {
      const handler = typeof operation?.operationId === 'string' ? handlers.get(operation.operationId) : undefined;
      if (!handler) continue;
      const types: unknown[] = Reflect.getMetadata('design:paramtypes', handler.controller.prototype, handler.method) ?? [];
      const args: Record<string, { index: number }> = Reflect.getMetadata(ROUTE_ARGS_METADATA, handler.controller, handler.method) ?? {};
      for (const [key, { index }] of Object.entries(args)) {
        const cls = types[index] as Ctor | undefined;
        if (!cls || PRIMITIVES.has(cls) || typeof cls !== 'function') continue;
        const kind = Number(key.split(':')[0]);
        if (kind === RouteParamtypes.BODY) {
          const ref = describe(cls);
          operation.requestBody ??= { required: true, content: { 'application/json': { schema: { $ref: ref } } } };
        }
        if (kind === RouteParamtypes.QUERY) {
          const schema = schemaOf(cls, describe);
          const parameters = ((operation.parameters as Schema[] | undefined) ??= []);
          const required = new Set((schema.required as string[] | undefined) ?? []);
          for (const [name, property] of Object.entries(schema.properties as Record<string, Schema>)) {
            if (parameters.some((p) => p.name === name && p.in === 'query')) continue;
            const { description, ...propertySchema } = property;
            parameters.push({ name, in: 'query', required: required.has(name), schema: propertySchema, ...(description ? { description } : {}) });
          }
        }
      }
    }
  }
  return document;
}

function mergeSchema(existing: Schema | undefined, derived: Schema): Schema {
  if (!existing) return derived;
  const mine = (existing.properties as Record<string, Schema> | undefined) ?? {};
  const properties: Record<string, Schema> = { ...(derived.properties as Record<string, Schema>) };
  // What `@ApiProperty` states wins; the validation rules fill in the rest.
  for (const [name, property] of Object.entries(mine)) properties[name] = property.$ref || property.allOf ? property : { ...properties[name], ...property };
  const required = [...new Set([...((existing.required as string[]) ?? []), ...((derived.required as string[]) ?? [])])];
  return { ...derived, ...existing, properties, ...(required.length ? { required } : {}) };
}

/** One DTO class as a JSON Schema object, from its (inherited) validation rules. */
function schemaOf(cls: Ctor, describe: (cls: Ctor) => string): Schema {
  const metadatas = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false) as ValidationMetadata[];
  const byProperty = new Map<string, ValidationMetadata[]>();
  for (const m of metadatas) byProperty.set(m.propertyName, [...(byProperty.get(m.propertyName) ?? []), m]);
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  for (const [name, rules] of byProperty) {
    const optional = rules.some((r) => r.type === ValidationTypes.CONDITIONAL_VALIDATION);
    const property: Schema = {};
    const items: Schema = {};
    const messages: string[] = [];
    for (const rule of rules) {
      if (typeof rule.message === 'string' && !messages.includes(rule.message)) messages.push(rule.message);
      if (rule.type === ValidationTypes.NESTED_VALIDATION) {
        const nested = defaultMetadataStorage.findTypeMetadata(cls, name)?.typeFunction() as Ctor | undefined;
        if (nested && !PRIMITIVES.has(nested)) Object.assign(rule.each ? items : property, { $ref: describe(nested) });
        continue;
      }
      Object.assign(rule.each ? items : property, constraintSchema(rule.name, rule.constraints ?? []));
      if (rule.name === 'isArray') property.type = 'array';
    }
    if (Object.keys(items).length > 0) {
      property.type = 'array';
      property.items = items;
    }
    if (property.$ref && Object.keys(property).length > 1) {
      const { $ref, ...rest } = property;
      for (const k of Object.keys(property)) delete property[k];
      Object.assign(property, { allOf: [{ $ref }], ...rest });
    }
    if (messages.length > 0) property.description = messages.join('；');
    properties[name] = property;
    if (!optional) required.push(name);
  }
  return { type: 'object', properties, ...(required.length ? { required } : {}) };
}

/** The JSON Schema words for one class-validator rule; unknown rules add nothing. */
function constraintSchema(name: string | undefined, c: unknown[]): Schema {
  switch (name) {
    case 'isString':
      return { type: 'string' };
    case 'isNotEmpty':
      return {};
    case 'isInt':
      return { type: 'integer' };
    case 'isNumber':
    case 'isNumberString':
      return name === 'isNumber' ? { type: 'number' } : { type: 'string', pattern: '^-?\\d+(\\.\\d+)?$' };
    case 'isBoolean':
      return { type: 'boolean' };
    case 'isDateString':
    case 'isISO8601':
      return { type: 'string', format: 'date-time' };
    case 'isDate':
      return { type: 'string', format: 'date-time' };
    case 'isEmail':
      return { type: 'string', format: 'email' };
    case 'isUrl':
      return { type: 'string', format: 'uri' };
    case 'isUUID':
      return { type: 'string', format: 'uuid' };
    case 'isIn':
      return { enum: [...(c[0] as unknown[])] };
    case 'isEnum':
      return { enum: [...new Set(Object.values(c[0] as object))] };
    case 'matches':
      return { type: 'string', pattern: c[0] instanceof RegExp ? c[0].source : String(c[0]) };
    case 'minLength':
      return { minLength: c[0] };
    case 'maxLength':
      return { maxLength: c[0] };
    case 'length':
      return c[1] === undefined ? { minLength: c[0] } : { minLength: c[0], maxLength: c[1] };
    case 'min':
      return { minimum: c[0] };
    case 'max':
      return { maximum: c[0] };
    case 'isPositive':
      return { exclusiveMinimum: 0 };
    case 'arrayMinSize':
      return { minItems: c[0] };
    case 'arrayMaxSize':
      return { maxItems: c[0] };
    case 'arrayUnique':
      return { uniqueItems: true };
    case 'isObject':
      return { type: 'object' };
    case 'isLatitude':
    case 'isLongitude':
      return { type: 'number' };
    default:
      return {};
  }
}
