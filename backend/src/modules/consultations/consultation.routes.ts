import { Router } from 'express';
import { z } from 'zod';
import {
  completeConsultationSchema,
  consultationListQuerySchema,
  idParamsSchema,
  objectIdSchema,
  openConsultationSchema,
  waitingNoteSchema,
} from '@telehealth/shared';
import { endpoint } from '../../lib/endpoint.js';
import { currentUser, requireAuth, requireRole } from '../../middleware/require-auth.js';
import type { ConsultationService } from './consultation.service.js';

const userParamsSchema = z.strictObject({ userId: objectIdSchema });

/** `/api/consultations`: the queue. The logic is in the service; each handler is one call. */
export function consultationRoutes(deps: { consultations: ConsultationService }): Router {
  const { consultations } = deps;

  const openConsultation = endpoint({ body: openConsultationSchema }, async ({ body, req, res }) => {
    res.status(201).json({ consultation: await consultations.open(currentUser(req).userId, body) });
  });

  const listConsultations = endpoint({ query: consultationListQuerySchema }, async ({ query, req, res }) => {
    res.json(await consultations.list(currentUser(req), query));
  });

  const showQueue = endpoint({}, async ({ req, res }) => {
    res.json({ consultations: await consultations.queue(currentUser(req).userId) });
  });

  const countAvailableDoctors = endpoint({}, async ({ res }) => {
    res.json({ count: await consultations.doctorsAvailable() });
  });

  const showConsultation = endpoint({ params: idParamsSchema }, async ({ params, req, res }) => {
    res.json({ consultation: await consultations.get(currentUser(req), params.id) });
  });

  const listConsultationsWith = endpoint({ params: userParamsSchema }, async ({ params, req, res }) => {
    res.json({ consultations: await consultations.consultationsWith(currentUser(req), params.userId) });
  });

  const acceptConsultation = endpoint({ params: idParamsSchema }, async ({ params, req, res }) => {
    res.json({ consultation: await consultations.accept(currentUser(req).userId, params.id) });
  });

  const completeConsultation = endpoint(
    { params: idParamsSchema, body: completeConsultationSchema },
    async ({ params, body, req, res }) => {
      res.json({ consultation: await consultations.complete(currentUser(req).userId, params.id, body.notes) });
    },
  );

  const cancelConsultation = endpoint({ params: idParamsSchema }, async ({ params, req, res }) => {
    res.json({ consultation: await consultations.cancel(currentUser(req).userId, params.id) });
  });

  const setWaitingNote = endpoint({ body: waitingNoteSchema }, async ({ body, req, res }) => {
    res.json({ waitingNote: await consultations.setWaitingNote(currentUser(req).userId, body.text) });
  });

  return Router()
    .post('/', requireRole('patient'), openConsultation)
    .get('/', requireAuth, listConsultations)
    .get('/queue', requireRole('doctor'), showQueue)
    .get('/doctors-available', requireAuth, countAvailableDoctors)
    .put('/waiting-note', requireRole('doctor'), setWaitingNote)
    .get('/with/:userId', requireRole('patient', 'doctor'), listConsultationsWith)
    .get('/:id', requireAuth, showConsultation)
    .post('/:id/accept', requireRole('doctor'), acceptConsultation)
    .post('/:id/complete', requireRole('doctor'), completeConsultation)
    .post('/:id/cancel', requireRole('patient'), cancelConsultation);
}
