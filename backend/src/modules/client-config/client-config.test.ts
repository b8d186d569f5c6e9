import { FOLLOW_UP_DAYS } from '@telehealth/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/test-server.js';

let server: TestServer;
let custom: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  custom = await startTestServer({
    GESTURE_MODEL_URL: 'https://models.example.org/gesture_recognizer.task',
    FOLLOW_UP_DAYS: '14',
  });
});
afterAll(async () => {
  await server?.stop();
  await custom?.stop();
});

describe('GET /api/client-config', () => {
  it('tells a signed-in user where the gesture model is and how long the follow-up window lasts: defaults', async () => {
    const patient = await server.createUser('patient');
    const response = await server.request.get('/api/client-config').set('Cookie', patient.cookie);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ gestureModelUrl: '/models/gesture_recognizer.task', followUpDays: FOLLOW_UP_DAYS });
  });

  it('follows GESTURE_MODEL_URL and FOLLOW_UP_DAYS', async () => {
    const doctor = await custom.createUser('doctor');
    const response = await custom.request.get('/api/client-config').set('Cookie', doctor.cookie);
    expect(response.body).toEqual({ gestureModelUrl: 'https://models.example.org/gesture_recognizer.task', followUpDays: 14 });
  });

  it('refuses anyone not signed in', async () => {
    const response = await server.request.get('/api/client-config');
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('UNAUTHENTICATED');
  });
});
