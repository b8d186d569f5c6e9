import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import { errors } from './app-error.js';

type Schemas = { body?: z.ZodType; query?: z.ZodType; params?: z.ZodType };
type Parsed<S extends Schemas, K extends keyof Schemas> = S[K] extends z.ZodType ? z.output<S[K]> : undefined;

export interface EndpointInput<S extends Schemas> {
  body: Parsed<S, 'body'>;
  query: Parsed<S, 'query'>;
  params: Parsed<S, 'params'>;
  req: Request;
  res: Response;
}

/**
 * A route handler whose body, query and params are parsed by the shared zod schemas first.
 * Anything that does not parse is a 400 naming each bad field, so handlers only see typed input.
 */
export function endpoint<S extends Schemas>(schemas: S, handle: (input: EndpointInput<S>) => Promise<unknown>): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const issues: { path: string; message: string }[] = [];
    const parse = (schema: z.ZodType | undefined, value: unknown, where: string): unknown => {
      if (!schema) return undefined;
      const result = schema.safeParse(value ?? {});
      if (result.success) return result.data;
      for (const issue of result.error.issues) {
        const keys = 'keys' in issue && Array.isArray(issue.keys) ? issue.keys.map(String) : [];
        const path = [...issue.path.map(String), ...keys].join('.') || where;
        issues.push({ path, message: issue.message });
      }
      return undefined;
    };
    const body = parse(schemas.body, req.body, 'body');
    const query = parse(schemas.query, req.query, 'query');
    const params = parse(schemas.params, req.params, 'params');
    if (issues.length > 0) return next(errors.validation(issues));
    await handle({ body, query, params, req, res } as EndpointInput<S>);
  };
}
