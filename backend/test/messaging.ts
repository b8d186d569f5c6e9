import type { Message } from '@telehealth/shared';
import { expect } from 'vitest';
import { ConsultationModel } from '../src/modules/consultations/consultation.model.js';
import type { TestServer, TestUser } from './test-server.js';

/** What the messaging tests do through the API, for one test server (unread-counters, thread-pages). */
export function messagingKit(server: () => TestServer) {
  let sequence = 0;
  const clientId = () => `kit-${Date.now().toString(36)}-${(sequence += 1)}`;

  return {
    clientId,

    /** A patient and a doctor with a consultation together (active: they may message each other). */
    async consultedPair(status: 'active' | 'waiting' = 'active'): Promise<{ patient: TestUser; doctor: TestUser }> {
      const patient = await server().createUser('patient');
      const doctor = await server().createUser('doctor');
      await ConsultationModel.create({
        patientId: patient.id,
        ...(status === 'active' ? { doctorId: doctor.id, acceptedAt: new Date() } : {}),
        reason: 'a rash',
        urgency: 'routine',
        urgencyRank: 1,
        status,
        createdAt: new Date(),
      });
      return { patient, doctor };
    },

    async sendText(from: TestUser, to: TestUser, text: string, id = clientId()): Promise<Message> {
      const response = await server()
        .request.post(`/api/messages/${to.id}`)
        .set('Cookie', from.cookie)
        .send({ text, clientId: id });
      expect([200, 201]).toContain(response.status);
      return response.body.message as Message;
    },

    async markRead(reader: TestUser, partner: TestUser, upTo: string): Promise<void> {
      const response = await server()
        .request.post(`/api/messages/${partner.id}/read`)
        .set('Cookie', reader.cookie)
        .send({ upTo });
      expect(response.status).toBe(204);
    },

    /** One page of the thread as `user` sees it. */
    async page(user: TestUser, partner: TestUser, query: Record<string, string | number> = {}) {
      const response = await server().request.get(`/api/messages/${partner.id}`).query(query).set('Cookie', user.cookie);
      expect(response.status).toBe(200);
      return response.body as { messages: Message[]; hasMore: boolean };
    },

    async unreadInList(user: TestUser, partner: TestUser): Promise<number | undefined> {
      const response = await server().request.get('/api/messages/conversations').set('Cookie', user.cookie);
      expect(response.status).toBe(200);
      const entries = response.body.conversations as { user: { id: string }; unreadCount: number }[];
      return entries.find((entry) => entry.user.id === partner.id)?.unreadCount;
    },
  };
}
