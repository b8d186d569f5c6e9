import { z } from 'zod';
import { objectIdSchema } from './common.js';

export const CALL_END_REASONS = ['hangup', 'rejected', 'timeout', 'disconnected'] as const;
export type CallEndReason = (typeof CALL_END_REASONS)[number];

const callIdSchema = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);
// SDP and ICE payloads are opaque to the server; it checks shape and size, never content.
const sessionDescriptionSchema = z.strictObject({
  type: z.enum(['offer', 'answer', 'pranswer', 'rollback']),
  sdp: z.string().max(20_000).optional(),
});
const iceCandidateSchema = z.object({
  candidate: z.string().max(2_000).optional(),
  sdpMid: z.string().max(100).nullish(),
  sdpMLineIndex: z.number().int().min(0).max(100).nullish(),
  usernameFragment: z.string().max(256).nullish(),
});

export const callUserSchema = z.strictObject({
  to: objectIdSchema,
  callId: callIdSchema,
  offer: sessionDescriptionSchema,
  video: z.boolean(),
});
export const answerCallSchema = z.strictObject({ callId: callIdSchema, answer: sessionDescriptionSchema });
export const iceCandidateEventSchema = z.strictObject({ callId: callIdSchema, candidate: iceCandidateSchema });
export const callIdOnlySchema = z.strictObject({ callId: callIdSchema });
/**
 * Extension: a new offer or answer inside an answered call. An ICE restart (`restartIce()` after the
 * connection drops) needs a fresh offer/answer exchange, which `call-user`/`answer-call` cannot carry.
 */
export const renegotiateCallSchema = z.strictObject({ callId: callIdSchema, description: sessionDescriptionSchema });

export type SessionDescription = z.infer<typeof sessionDescriptionSchema>;
export type IceCandidate = z.infer<typeof iceCandidateSchema>;
export type CallUserInput = z.infer<typeof callUserSchema>;
export type AnswerCallInput = z.infer<typeof answerCallSchema>;
export type IceCandidateInput = z.infer<typeof iceCandidateEventSchema>;
export type CallIdInput = z.infer<typeof callIdOnlySchema>;
export type RenegotiateCallInput = z.infer<typeof renegotiateCallSchema>;

export interface IceServersAnswer {
  iceServers: { urls: string | string[]; username?: string; credential?: string }[];
  ttlSeconds: number;
}
