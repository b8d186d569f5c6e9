// The admin module's public entry.
export { createAdminService, type AdminService, type AdminServiceDeps } from './admin.service.js';
export { adminRoutes } from './admin.routes.js';
