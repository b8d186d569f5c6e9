import { z } from 'zod';
import { emailSchema, nameSchema, passwordSchema } from './common.js';

export const registerSchema = z.strictObject({
  name: nameSchema,
  email: emailSchema,
  password: passwordSchema,
});
export type RegisterInput = z.infer<typeof registerSchema>;

export const loginSchema = z.strictObject({
  email: emailSchema,
  // Any stored password may be typed here, so no length rule beyond a cap.
  password: z.string().min(1, 'is required').max(128),
});
export type LoginInput = z.infer<typeof loginSchema>;

export const passwordChangeSchema = z.strictObject({
  currentPassword: z.string().min(1, 'is required').max(128),
  newPassword: passwordSchema,
});
export type PasswordChangeInput = z.infer<typeof passwordChangeSchema>;
