import fs from 'node:fs';
import path from 'node:path';
import cookieParser from 'cookie-parser';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { AppContext } from './context.js';
import { requireDatabase } from './db/database.js';
import { authenticate } from './modules/auth/index.js';
import { csrfProtection } from './middleware/csrf.js';
import { errorHandler, notFoundHandler } from './middleware/error-handler.js';
import { requestId } from './middleware/request-id.js';
import { adminRoutes } from './modules/admin/index.js';
import { authRoutes } from './modules/auth/index.js';
import { clientConfigRoutes } from './modules/client-config/index.js';
import { consentRoutes } from './modules/consent/index.js';
import { consultationRoutes } from './modules/consultations/index.js';
import { fileRoutes } from './modules/files/index.js';
import { healthRoutes } from './modules/health/index.js';
import { messageRoutes } from './modules/messages/index.js';
import { rtcRoutes } from './modules/rtc/index.js';
import { summaryRoutes } from './modules/summaries/index.js';
import { userRoutes } from './modules/users/index.js';

export interface AppOptions {
  /** the built frontend to serve beside the API (outside production deployments on Vercel) */
  frontendDir?: string | undefined;
}

/** Helmet's headers: a CSP that allows only this origin (and the socket's, when it is elsewhere). */
function securityHeaders(config: AppContext['config']) {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        fontSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
        // The page calls its own origin's /api; only the socket may go elsewhere (SOCKET_ORIGIN).
        connectSrc: ["'self'", ...(config.socketOrigin ? [config.socketOrigin, config.socketOrigin.replace(/^http/, 'ws')] : [])],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: config.isProduction ? [] : null,
      },
    },
    crossOriginEmbedderPolicy: false,
    // HSTS only means something over TLS; on plain-HTTP development it would pin localhost to https.
    strictTransportSecurity: config.isProduction ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
}

/** Every API answer: uncached, with credentialed CORS for the deployed frontend on another origin only. */
function apiHeaders(corsOrigins: readonly string[]) {
  return (req: Request, res: Response, next: NextFunction) => {
    // Credentialed CORS for the deployed frontend on another origin; everyone else gets no CORS headers.
    const origin = req.headers.origin;
    if (origin && corsOrigins.includes(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Vary', 'Origin');
      if (req.method === 'OPTIONS') {
        res.setHeader('Access-Control-Allow-Methods', 'GET,POST,PUT,PATCH,DELETE');
        res.setHeader('Access-Control-Allow-Headers', 'Content-Type, X-Requested-With, X-Socket-Id');
        res.setHeader('Access-Control-Max-Age', '600');
        return void res.status(204).end();
      }
    }
    res.setHeader('Cache-Control', 'no-store');
    next();
  };
}

/**
 * The Express app: security headers, CSRF, authentication, the API modules, and the built
 * frontend. It does not listen; `startServer` does, and tests use it on port 0.
 */
export function createApp(context: AppContext, options: AppOptions = {}): Express {
  const { config } = context;
  const app = express();
  app.disable('x-powered-by');
  if (config.trustProxy > 0) app.set('trust proxy', config.trustProxy);

  app.use(securityHeaders(config));
  app.use(requestId);

  const api = express.Router();
  api.use(apiHeaders(config.corsOrigins));
  api.use('/health', healthRoutes());
  api.use(csrfProtection(config.corsOrigins));
  api.use(requireDatabase);
  api.use(express.json({ limit: '100kb', strict: true }));
  api.use(cookieParser());
  api.use(authenticate(context));
  api.use('/auth', authRoutes(context));
  api.use('/consent', consentRoutes(context));
  api.use('/consultations', consultationRoutes(context));
  api.use('/consultations', summaryRoutes(context));
  api.use('/users', userRoutes(context));
  api.use('/admin', adminRoutes(context));
  api.use('/files', fileRoutes({ files: context.files, maySeeProfile: context.users.maySeeProfile }));
  api.use('/messages', messageRoutes(context));
  api.use('/rtc', rtcRoutes(context));
  api.use('/client-config', clientConfigRoutes(context));
  api.use(notFoundHandler);
  app.use('/api', api);

  if (options.frontendDir && fs.existsSync(path.join(options.frontendDir, 'index.html'))) {
    const frontendDir = options.frontendDir;
    app.use('/assets', express.static(path.join(frontendDir, 'assets'), { immutable: true, maxAge: '1y' }));
    app.use(express.static(frontendDir, { index: false, maxAge: '1h' }));
    // The single-page app owns every other path; the router in the browser decides what to show.
    app.get(/^\/(?!api\/|socket\.io\/).*/, (_req, res) => res.sendFile(path.join(frontendDir, 'index.html')));
  }

  app.use(errorHandler(context.logger));
  return app;
}
