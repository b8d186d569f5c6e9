import type { z } from 'zod';

/** One endpoint as docs/api.md shows it (catalog.ts lists them all). */
export interface EndpointDoc {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  who: string;
  answer: string;
  body?: z.ZodType;
  query?: z.ZodType;
  /** a multipart body, described in words */
  multipart?: string;
  /** not in CONTRACT.md: added while building */
  extension?: boolean;
}

export interface SectionDoc {
  title: string;
  endpoints: EndpointDoc[];
}
