#!/usr/bin/env node
// Contract test of calcom-sim: every endpoint the service uses, called through Prism
// (proxy mode with --errors against Cal.com's patched OpenAPI document), so any request or
// response that breaks the contract fails here; plus the simulator's own behaviour (errors,
// webhooks and their signatures, faults, rate limits) checked directly.
// Run by tests/contract/with-sim-and-prism.sh, which provides the environment.
'use strict';

const assert = require('node:assert/strict');

const {
  CALCOM_SIM_URL, KEY_NO_HOOKS,
  call, admin, expectNestError, startReceiver, settleDeliveries, verifySignature,
} = require('../sim_client.js');

const BOOKINGS = '2024-08-13';
const SLOTS = '2024-09-04';
const EVENT_TYPES = '2024-06-14';
// A frozen Monday morning: every date below is relative to it, so runs are repeatable.
const NOW = '2027-03-01T08:00:00Z';

async function book(start, extra = {}) {
  return call('POST', '/v2/bookings', {
    version: BOOKINGS,
    body: {
      start, eventTypeId: 1001,
      attendee: { name: 'Jane Founder', email: 'jane@startup.test', timeZone: 'America/New_York', language: 'en' },
      ...extra,
    },
  });
}

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

test('Prism validates requests against the spec (the harness can fail)', async () => {
  const noVersion = await call('GET', '/v2/event-types/1001', { prismError: true });
  assert.equal(noVersion.status, 422);
  const noAttendee = await call('POST', '/v2/bookings', { version: BOOKINGS, body: { start: '2027-03-02T09:00:00Z', eventTypeId: 1001 }, prismError: true });
  assert.equal(noAttendee.status, 422);
  const badTrigger = await call('POST', '/v2/webhooks', { body: { subscriberUrl: 'http://127.0.0.1:9/x', triggers: ['NOPE'], active: true }, prismError: true });
  assert.equal(badTrigger.status, 422);
});

test('GET /v2/me and authentication errors', async () => {
  const me = await call('GET', '/v2/me');
  assert.equal(me.status, 200);
  assert.equal(me.json.status, 'success');
  assert.equal(me.json.data.username, 'poblysh-ops');
  for (const header of ['x-ratelimit-limit-default', 'x-ratelimit-remaining-default', 'x-ratelimit-reset-default']) {
    assert.match(me.headers.get(header) || '', /^\d+$/, header);
  }
  expectNestError(await call('GET', '/v2/me', { key: 'cal_not_a_key' }), 401, 'UnauthorizedException');
  expectNestError(await call('GET', '/v2/me', { key: null, base: CALCOM_SIM_URL }), 401, 'UnauthorizedException');
  const missingRoute = await call('GET', '/v2/nowhere', { base: CALCOM_SIM_URL });
  expectNestError(missingRoute, 404, 'NotFoundException');
  assert.equal(missingRoute.json.error.message, 'Cannot GET /v2/nowhere');
});

test('event types: own, by username and slug, by id, and the legacy version', async () => {
  const own = await call('GET', '/v2/event-types', { version: EVENT_TYPES });
  assert.deepEqual(own.json.data.map((t) => t.slug), ['ops-check']);
  const alice = await call('GET', '/v2/event-types', { version: EVENT_TYPES, query: { username: 'alice-editor' } });
  assert.deepEqual(alice.json.data.map((t) => t.id), [1001, 1002, 1003, 1005]);  // 1004 is hidden
  const one = await call('GET', '/v2/event-types', { version: EVENT_TYPES, query: { username: 'alice-editor', eventSlug: 'founder-interview' } });
  assert.equal(one.json.data.length, 1);
  assert.deepEqual(one.json.data[0].lengthInMinutesOptions, [30, 45, 60]);
  assert.equal(one.json.data[0].users[0].username, 'alice-editor');
  const byId = await call('GET', '/v2/event-types/1302', { version: EVENT_TYPES });
  assert.equal(byId.json.data.slotInterval, 30);
  assert.equal(byId.json.data.ownerId, 5);
  assert.equal(byId.json.data.bookingUrl, 'https://cal.com/david-associate/office-hours');
  const team = await call('GET', '/v2/event-types/2001', { version: EVENT_TYPES });
  assert.equal(team.json.data.teamId, 10);
  expectNestError(await call('GET', '/v2/event-types/999999', { version: EVENT_TYPES }), 404, 'NotFoundException');
  // Another version reaches the 2024-04-15 controller and its older shape.
  const legacy = await call('GET', '/v2/event-types/1001', { version: '2024-04-15', base: CALCOM_SIM_URL });
  assert.equal(legacy.json.data.eventType.length, 30);
});

test('event types: a key sees only what its user manages', async () => {
  const aliceKey = 'cal_test_alice_editor_3e8b61f0c2a94d57';
  assert.equal((await call('GET', '/v2/event-types/1001', { version: EVENT_TYPES, key: aliceKey })).status, 200);
  // Farid's membership of Alice's team is not accepted: she does not manage him.
  expectNestError(await call('GET', '/v2/event-types/1501', { version: EVENT_TYPES, key: aliceKey }), 403, 'ForbiddenException');
});

test('teams, memberships and team event types', async () => {
  const teams = await call('GET', '/v2/teams');
  assert.deepEqual(teams.json.data.map((t) => t.slug), ['poblysh-ic']);
  const members = await call('GET', '/v2/teams/10/memberships');
  assert.ok(Array.isArray(members.json.data));
  assert.equal(members.json.data.length, 7);
  assert.equal(members.json.data[0].role, 'OWNER');
  const filtered = await call('GET', '/v2/teams/10/memberships', { query: { emails: 'alice@poblysh.test,bruno@poblysh.test' } });
  assert.deepEqual(filtered.json.data.map((m) => m.user.username), ['alice-editor', 'bruno-partner']);
  expectNestError(await call('GET', '/v2/teams/11/memberships'), 403, 'ForbiddenException');
  const types = await call('GET', '/v2/teams/10/event-types');
  assert.equal(types.json.data.length, 1);
  assert.equal(types.json.data[0].schedulingType, 'collective');
  assert.deepEqual(types.json.data[0].hosts.map((h) => h.userId), [2, 3, 4]);
});

test('slots: by id, by slug, dynamic group, duration options and the simulator clock', async () => {
  const range = await call('GET', '/v2/slots', {
    version: SLOTS, key: null,
    query: { eventTypeId: 1001, start: '2027-03-01', end: '2027-03-02', timeZone: 'Europe/Paris', format: 'range' },
  });
  assert.deepEqual(Object.keys(range.json.data), ['2027-03-01', '2027-03-02']);
  // "Now" is 09:00 in Paris on 1 March: the first slot is 09:00 (08:00Z), none earlier.
  assert.deepEqual(range.json.data['2027-03-01'][0], { start: '2027-03-01T09:00:00.000+01:00', end: '2027-03-01T09:30:00.000+01:00' });
  await admin('POST', '/clock', { now: '2027-03-01T10:10:00Z' });
  const later = await call('GET', '/v2/slots', { version: SLOTS, query: { eventTypeId: 1001, start: '2027-03-01', end: '2027-03-01' } });
  assert.equal(later.json.data['2027-03-01'][0].start, '2027-03-01T10:30:00.000Z');
  assert.equal(later.json.data['2027-03-01'][0].end, undefined);
  await admin('POST', '/clock', { now: NOW });
  const bySlug = await call('GET', '/v2/slots', {
    version: SLOTS, query: { eventTypeSlug: 'founder-interview', username: 'bruno-partner', start: '2027-03-04', end: '2027-03-04' },
  });
  assert.equal(bySlug.json.data['2027-03-04'][0].start, '2027-03-04T09:00:00.000Z');  // 10:00 Berlin
  const group = await call('GET', '/v2/slots', {
    version: SLOTS, query: { usernames: 'alice-editor,emma-scout', start: '2027-03-02', end: '2027-03-02', duration: 60 },
  });
  // Paris 09:00-12:30 & 14:00-18:00 and New York 09:00-17:00 (14:00Z-22:00Z) meet 14:00-17:00Z.
  assert.deepEqual(group.json.data['2027-03-02'].map((s) => s.start),
    ['2027-03-02T14:00:00.000Z', '2027-03-02T15:00:00.000Z', '2027-03-02T16:00:00.000Z']);
  const long = await call('GET', '/v2/slots', { version: SLOTS, query: { eventTypeId: 1001, start: '2027-03-02', end: '2027-03-02', duration: 60, format: 'range' } });
  const first = long.json.data['2027-03-02'][0];
  assert.equal(Date.parse(first.end) - Date.parse(first.start), 3600000);
  expectNestError(await call('GET', '/v2/slots', { version: SLOTS, query: { eventTypeId: 1002, start: '2027-03-02', end: '2027-03-02', duration: 60 } }), 400, 'BadRequestException');
  const weekend = await call('GET', '/v2/slots', { version: SLOTS, query: { eventTypeId: 1001, start: '2027-03-06', end: '2027-03-07' } });
  assert.deepEqual(weekend.json.data, {});
  // Without its version header the route does not exist (no 2024-04-15 controller).
  expectNestError(await call('GET', '/v2/slots', { base: CALCOM_SIM_URL, query: { eventTypeId: 1001, start: '2027-03-02', end: '2027-03-02' } }), 404, 'NotFoundException');
});

test('booking lifecycle with webhook deliveries signed like Cal.com', async () => {
  const receiver = await startReceiver();
  try {
    const secret = 'whsec_poblysh_contract';
    const hook = await call('POST', '/v2/webhooks', {
      body: { subscriberUrl: receiver.url, triggers: ['BOOKING_CREATED', 'BOOKING_RESCHEDULED', 'BOOKING_CANCELLED'], active: true, secret, version: '2021-10-20' },
    });
    assert.equal(hook.status, 201);
    assert.match(hook.json.data.id, /^[0-9a-f-]{36}$/);

    const created = await book('2027-03-02T09:00:00Z', { lengthInMinutes: 45, guests: ['cto@startup.test'], metadata: { interviewId: 'int-42' }, location: { type: 'integration', integration: 'cal-video' } });
    assert.equal(created.status, 201);
    const booking = created.json.data;
    assert.equal(booking.status, 'accepted');
    assert.equal(booking.duration, 45);
    assert.equal(booking.end, '2027-03-02T09:45:00.000Z');
    assert.equal(booking.location, 'integrations:daily');
    assert.equal(booking.meetingUrl, `https://app.cal.com/video/${booking.uid}`);
    assert.deepEqual(booking.guests, ['cto@startup.test']);
    assert.equal(booking.hosts[0].username, 'alice-editor');
    assert.deepEqual(booking.metadata, { interviewId: 'int-42' });
    assert.ok(!('cancellationReason' in booking) && !('rescheduledToUid' in booking), 'unset optional fields are omitted');

    const taken = await call('GET', '/v2/slots', { version: SLOTS, query: { eventTypeId: 1001, start: '2027-03-02', end: '2027-03-02' } });
    assert.ok(!taken.json.data['2027-03-02'].some((s) => s.start === '2027-03-02T09:00:00.000Z' || s.start === '2027-03-02T09:30:00.000Z'));
    expectNestError(await book('2027-03-02T09:30:00Z'), 400, 'BadRequestException');
    expectNestError(await book('2027-03-03T09:00:00Z', { lengthInMinutes: 50 }), 400, 'BadRequestException');
    expectNestError(await book('2027-02-26T09:00:00Z'), 400, 'BadRequestException');  // in the past
    expectNestError(await book('2027-03-03T09:00:00Z', { eventTypeId: 424242 }), 404, 'NotFoundException');
    const tooMuch = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
    expectNestError(await book('2027-03-03T09:00:00Z', { metadata: tooMuch }), 400, 'BadRequestException');

    const fetched = await call('GET', `/v2/bookings/${booking.uid}`, { version: BOOKINGS });
    assert.equal(fetched.json.data.id, booking.id);
    expectNestError(await call('GET', '/v2/bookings/doesNotExist', { version: BOOKINGS }), 404, 'NotFoundException');

    const withGuest = await call('POST', `/v2/bookings/${booking.uid}/guests`, { version: BOOKINGS, body: { guests: [{ email: 'partner@fund.test', name: 'Pat Partner' }] } });
    assert.equal(withGuest.status, 200);
    assert.deepEqual(withGuest.json.data.guests, ['cto@startup.test', 'partner@fund.test']);
    const noVersion = await call('POST', `/v2/bookings/${booking.uid}/guests`, { base: CALCOM_SIM_URL, body: { guests: [{ email: 'x@y.test' }] } });
    expectNestError(noVersion, 404, 'NotFoundException');
    assert.equal(noVersion.json.error.message, `Cannot POST /v2/bookings/${booking.uid}/guests`);

    const moved = await call('POST', `/v2/bookings/${booking.uid}/reschedule`, { version: BOOKINGS, body: { start: '2027-03-03T10:00:00Z', reschedulingReason: 'Founder travelling' } });
    assert.equal(moved.status, 201);
    const next = moved.json.data;
    assert.notEqual(next.uid, booking.uid);
    assert.equal(next.rescheduledFromUid, booking.uid);
    assert.equal(next.duration, 45);
    const old = await call('GET', `/v2/bookings/${booking.uid}`, { version: BOOKINGS });
    assert.equal(old.json.data.status, 'cancelled');
    assert.equal(old.json.data.rescheduledToUid, next.uid);

    const cancelled = await call('POST', `/v2/bookings/${next.uid}/cancel`, { version: BOOKINGS, body: { cancellationReason: 'Founder withdrew' } });
    assert.equal(cancelled.status, 200);
    assert.equal(cancelled.json.data.status, 'cancelled');
    assert.equal(cancelled.json.data.cancellationReason, 'Founder withdrew');
    expectNestError(await call('POST', `/v2/bookings/${next.uid}/cancel`, { version: BOOKINGS, body: {} }), 400, 'BadRequestException');

    const deliveries = await settleDeliveries();
    assert.deepEqual(deliveries.map((d) => [d.triggerEvent, d.state]),
      [['BOOKING_CREATED', 'delivered'], ['BOOKING_RESCHEDULED', 'delivered'], ['BOOKING_CANCELLED', 'delivered']]);
    assert.equal(receiver.received.length, 3);
    for (const delivery of receiver.received) verifySignature(delivery, secret);
    const [createdHook, movedHook, cancelledHook] = receiver.received.map((d) => JSON.parse(d.raw));
    assert.equal(createdHook.triggerEvent, 'BOOKING_CREATED');
    assert.ok(!Number.isNaN(Date.parse(createdHook.createdAt)));
    assert.equal(createdHook.payload.uid, booking.uid);
    assert.equal(createdHook.payload.bookingId, booking.id);
    assert.equal(createdHook.payload.status, 'ACCEPTED');
    assert.equal(createdHook.payload.startTime, '2027-03-02T09:00:00Z');
    assert.equal(createdHook.payload.organizer.email, 'alice@poblysh.test');
    assert.deepEqual(createdHook.payload.attendees.map((a) => a.email), ['jane@startup.test', 'cto@startup.test']);
    assert.equal(createdHook.payload.responses.email.value, 'jane@startup.test');
    assert.equal(createdHook.payload.metadata.videoCallUrl, booking.meetingUrl);
    assert.equal(createdHook.payload.metadata.interviewId, 'int-42');
    assert.deepEqual(Object.keys(createdHook), ['triggerEvent', 'createdAt', 'payload']);
    assert.equal(createdHook.payload.videoCallData.url, booking.meetingUrl);
    assert.equal(movedHook.payload.uid, next.uid);
    assert.equal(movedHook.payload.rescheduleUid, booking.uid);
    assert.equal(movedHook.payload.rescheduleId, booking.id);
    assert.equal(movedHook.payload.rescheduleStartTime, '2027-03-02T09:00:00Z');
    assert.equal(movedHook.payload.iCalUID, createdHook.payload.iCalUID);
    assert.equal(movedHook.payload.iCalSequence, createdHook.payload.iCalSequence + 1);
    assert.equal(cancelledHook.payload.status, 'CANCELLED');
    assert.equal(cancelledHook.payload.cancellationReason, 'Founder withdrew');
    assert.equal(cancelledHook.payload.cancelledBy, 'ops@poblysh.test');
  } finally {
    await receiver.close();
  }
});

test('after the booking: the host confirms or declines, marks no-shows, asks for a new time; the meeting ends', async () => {
  const receiver = await startReceiver();
  try {
    const secret = 'whsec_poblysh_after';
    const triggers = ['BOOKING_CREATED', 'BOOKING_REQUESTED', 'BOOKING_REJECTED', 'BOOKING_CANCELLED',
      'BOOKING_NO_SHOW_UPDATED', 'MEETING_ENDED', 'AFTER_HOSTS_CAL_VIDEO_NO_SHOW', 'AFTER_GUESTS_CAL_VIDEO_NO_SHOW'];
    const hook = await call('POST', '/v2/webhooks', { body: { subscriberUrl: receiver.url, triggers, active: true, secret } });
    assert.equal(hook.status, 201);

    // Event type 1005 needs Alice to accept: the booking waits, announced as requested.
    const waiting = await book('2027-03-04T09:00:00Z', { eventTypeId: 1005 });
    assert.equal(waiting.status, 201);
    assert.equal(waiting.json.data.status, 'pending');
    const confirmed = await call('POST', `/v2/bookings/${waiting.json.data.uid}/confirm`, { version: BOOKINGS });
    assert.equal(confirmed.status, 200);
    assert.equal(confirmed.json.data.status, 'accepted');
    expectNestError(await call('POST', `/v2/bookings/${waiting.json.data.uid}/confirm`, { version: BOOKINGS }), 400, 'BadRequestException');
    const other = await book('2027-03-04T11:00:00Z', { eventTypeId: 1005 });
    const declined = await call('POST', `/v2/bookings/${other.json.data.uid}/decline`, { version: BOOKINGS, body: { reason: 'Away that week' } });
    assert.equal(declined.status, 200);
    assert.equal(declined.json.data.status, 'rejected');

    // No-shows once the meeting has started (the simulator's clock moves past it).
    const uid = waiting.json.data.uid;
    expectNestError(await call('POST', `/v2/bookings/${uid}/mark-absent`, { version: BOOKINGS, body: { attendees: [{ email: 'jane@startup.test', absent: true }] } }), 403, 'ForbiddenException');
    await admin('POST', '/clock', { now: '2027-03-04T10:00:00Z' });
    const marked = await call('POST', `/v2/bookings/${uid}/mark-absent`, { version: BOOKINGS, body: { host: false, attendees: [{ email: 'jane@startup.test', absent: true }] } });
    assert.equal(marked.status, 200);
    assert.equal(marked.json.data.attendees[0].absent, true);
    assert.equal((await admin('POST', '/webhooks/trigger', { bookingUid: uid, triggerEvent: 'AFTER_HOSTS_CAL_VIDEO_NO_SHOW' })).queued, 1);
    assert.equal((await admin('POST', '/webhooks/trigger', { bookingUid: uid, triggerEvent: 'AFTER_GUESTS_CAL_VIDEO_NO_SHOW' })).queued, 1);
    assert.equal((await admin('POST', '/webhooks/trigger', { bookingUid: uid, triggerEvent: 'MEETING_ENDED' })).queued, 1);

    // The host asks for a new time on an accepted booking: cancelled, requestReschedule set.
    const third = await book('2027-03-05T09:00:00Z');
    const asked = await admin('POST', `/bookings/${third.json.data.uid}/request-reschedule`, { reason: 'Conference' });
    assert.equal(asked.status, 'cancelled');

    await settleDeliveries();
    const bodies = receiver.received.map((d) => { verifySignature(d, secret); return JSON.parse(d.raw); });
    assert.deepEqual(bodies.map((b) => b.triggerEvent), ['BOOKING_REQUESTED', 'BOOKING_CREATED', 'BOOKING_REQUESTED',
      'BOOKING_REJECTED', 'BOOKING_NO_SHOW_UPDATED', 'AFTER_HOSTS_CAL_VIDEO_NO_SHOW', 'AFTER_GUESTS_CAL_VIDEO_NO_SHOW',
      'MEETING_ENDED', 'BOOKING_CREATED', 'BOOKING_CANCELLED']);
    const [requested, , , rejected, noShow, hostsNoShow, guestsNoShow, ended, , cancelled] = bodies;
    assert.equal(requested.payload.status, 'PENDING');
    assert.equal(rejected.payload.status, 'REJECTED');
    assert.equal(rejected.payload.rejectionReason, 'Away that week');
    assert.deepEqual(noShow.payload, { message: 'jane@startup.test marked as no-show', attendees: [{ email: 'jane@startup.test', noShow: true }], bookingUid: uid, bookingId: waiting.json.data.id });
    assert.equal(hostsNoShow.payload.bookingUid, uid);
    assert.equal(hostsNoShow.payload.hostEmail, 'alice@poblysh.test');
    assert.equal(hostsNoShow.payload.webhook.id, hook.json.data.id);
    assert.ok(!('secret' in hostsNoShow.payload.webhook));
    assert.ok(guestsNoShow.payload.attendees.every((a) => a.noShow === true));
    assert.match(guestsNoShow.payload.message, /^Guest didn't join the call or didn't join before 2027-03-04 09:05:00 \+00:00$/);
    // MEETING_ENDED is the booking row itself: no payload wrapper.
    assert.ok(!('payload' in ended));
    assert.equal(Object.keys(ended)[0], 'triggerEvent');
    assert.equal(ended.uid, uid);
    assert.equal(ended.status, 'ACCEPTED');
    assert.equal(ended.attendees[0].noShow, true);
    assert.equal(cancelled.payload.requestReschedule, true);
    assert.equal(cancelled.payload.cancellationReason, 'Conference');
    assert.equal(cancelled.payload.cancelledBy, 'alice@poblysh.test');
  } finally {
    await admin('POST', '/clock', { now: NOW });
    await receiver.close();
  }
});

test('listing bookings: status buckets, filters and offset pagination', async () => {
  const uids = [];
  for (const start of ['2027-03-02T08:00:00Z', '2027-03-02T09:00:00Z', '2027-03-02T10:00:00Z']) {
    const created = await book(start, { attendee: { name: 'Sam Seed', email: `sam+${uids.length}@seed.test`, timeZone: 'Europe/London' } });
    uids.push(created.json.data.uid);
  }
  await call('POST', `/v2/bookings/${uids[2]}/cancel`, { version: BOOKINGS, body: { cancellationReason: 'no' } });
  const page = await call('GET', '/v2/bookings', { version: BOOKINGS, query: { status: 'upcoming', take: 1, skip: 1 } });
  assert.deepEqual(page.json.data.map((b) => b.uid), [uids[1]]);
  assert.deepEqual(page.json.pagination, {
    totalItems: 2, remainingItems: 0, returnedItems: 1, itemsPerPage: 1, currentPage: 2, totalPages: 2, hasNextPage: false, hasPreviousPage: true,
  });
  const cancelled = await call('GET', '/v2/bookings', { version: BOOKINGS, query: { status: 'cancelled' } });
  assert.deepEqual(cancelled.json.data.map((b) => b.uid), [uids[2]]);
  const byEmail = await call('GET', '/v2/bookings', { version: BOOKINGS, query: { attendeeEmail: 'sam+1@seed.test' } });
  assert.deepEqual(byEmail.json.data.map((b) => b.uid), [uids[1]]);
  const window = await call('GET', '/v2/bookings', { version: BOOKINGS, query: { afterStart: '2027-03-02T08:30:00Z', beforeEnd: '2027-03-02T10:00:00Z' } });
  assert.deepEqual(window.json.data.map((b) => b.uid), [uids[1]]);
  const updated = await call('GET', '/v2/bookings', { version: BOOKINGS, query: { afterUpdatedAt: '2027-03-01T09:00:00Z' } });
  assert.deepEqual(updated.json.data, []);
  const past = await call('GET', '/v2/bookings', { version: BOOKINGS, query: { status: 'past' } });
  assert.deepEqual(past.json.data, []);
  await admin('POST', '/clock', { now: '2027-03-05T08:00:00Z' });
  const later = await call('GET', '/v2/bookings', { version: BOOKINGS, query: { status: 'past', sortStart: 'desc' } });
  assert.deepEqual(later.json.data.map((b) => b.uid), [uids[1], uids[0]]);
  expectNestError(await call('GET', '/v2/bookings', { version: BOOKINGS, query: { afterStart: 'yesterday' }, base: CALCOM_SIM_URL }), 400, 'BadRequestException');
});

test('webhooks CRUD, permissions and conflicts', async () => {
  const created = await call('POST', '/v2/webhooks', { body: { subscriberUrl: 'https://hooks.poblysh.test/cal', triggers: ['BOOKING_CREATED'], active: true } });
  const id = created.json.data.id;
  assert.equal(created.json.data.payloadTemplate, null);
  assert.equal((await call('GET', '/v2/webhooks')).json.data.length, 1);
  assert.equal((await call('GET', `/v2/webhooks/${id}`)).json.data.subscriberUrl, 'https://hooks.poblysh.test/cal');
  const patched = await call('PATCH', `/v2/webhooks/${id}`, { body: { active: false, triggers: ['BOOKING_CREATED', 'BOOKING_CANCELLED'] } });
  assert.equal(patched.json.data.active, false);
  assert.deepEqual(patched.json.data.triggers, ['BOOKING_CREATED', 'BOOKING_CANCELLED']);
  expectNestError(await call('POST', '/v2/webhooks', { body: { subscriberUrl: 'https://hooks.poblysh.test/cal', triggers: ['BOOKING_CREATED'], active: true } }), 409, 'ConflictException');
  expectNestError(await call('GET', '/v2/webhooks', { key: KEY_NO_HOOKS }), 403, 'ForbiddenException');
  assert.equal((await call('DELETE', `/v2/webhooks/${id}`)).status, 200);
  expectNestError(await call('GET', `/v2/webhooks/${id}`), 404, 'NotFoundException');
});

test('webhook test tools: lost, duplicated and reordered deliveries', async () => {
  const receiver = await startReceiver();
  try {
    await call('POST', '/v2/webhooks', { body: { subscriberUrl: receiver.url, triggers: ['BOOKING_CREATED', 'BOOKING_CANCELLED'], active: true } });
    await admin('POST', '/webhooks/drop', { count: 1 });
    const first = (await book('2027-03-02T08:00:00Z')).json.data;
    let deliveries = await settleDeliveries();
    assert.equal(deliveries[0].state, 'dropped');
    assert.equal(receiver.received.length, 0);
    await admin('POST', `/deliveries/${deliveries[0].id}/redeliver`);
    await admin('POST', `/deliveries/${deliveries[0].id}/redeliver`);
    deliveries = await settleDeliveries();
    assert.equal(receiver.received.length, 2);
    assert.equal(receiver.received[0].raw, receiver.received[1].raw, 'a duplicate is byte-identical');
    verifySignature(receiver.received[0], null);

    await admin('POST', '/webhooks/hold', { hold: true });
    await call('POST', `/v2/bookings/${first.uid}/cancel`, { version: BOOKINGS, body: {} });
    const second = (await book('2027-03-02T10:00:00Z')).json.data;
    assert.equal((await admin('POST', '/webhooks/release', { order: 'newest' })).released, 2);
    await admin('POST', '/webhooks/hold', { hold: false });
    await settleDeliveries();
    const order = receiver.received.slice(2).map((d) => JSON.parse(d.raw));
    assert.deepEqual(order.map((b) => [b.triggerEvent, b.payload.uid]), [['BOOKING_CREATED', second.uid], ['BOOKING_CANCELLED', first.uid]]);

    assert.equal((await admin('POST', '/webhooks/trigger', { bookingUid: second.uid, triggerEvent: 'BOOKING_CREATED' })).queued, 1);
    await settleDeliveries();
    assert.equal(JSON.parse(receiver.received.at(-1).raw).payload.uid, second.uid);
  } finally {
    await receiver.close();
  }
});

test('webhook deliveries are sent once: no redirects followed, no retries', async () => {
  const receiver = await startReceiver();
  try {
    await call('POST', '/v2/webhooks', { body: { subscriberUrl: `${receiver.url}?redirect`, triggers: ['BOOKING_CREATED'], active: true } });
    await call('POST', '/v2/webhooks', { body: { subscriberUrl: `${receiver.url}?fail`, triggers: ['BOOKING_CREATED'], active: true } });
    await book('2027-03-02T08:00:00Z');
    const deliveries = await settleDeliveries();
    assert.deepEqual(deliveries.map((d) => [d.state, d.httpStatus]).sort(), [['failed', 302], ['failed', 500]]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(receiver.received.map((d) => d.path).sort(), ['/cal?fail', '/cal?redirect']);
  } finally {
    await receiver.close();
  }
});

test('faults: 5xx, gateway errors, latency, hangs and fail-after-commit', async () => {
  await admin('POST', '/faults', { errorCount: 1 });
  expectNestError(await call('GET', '/v2/me'), 500, 'InternalServerErrorException');
  assert.equal((await call('GET', '/v2/me')).status, 200);
  await admin('POST', '/faults', { errorCount: 1, errorStatus: 503 });
  const gateway = await call('GET', '/v2/me', { base: CALCOM_SIM_URL });
  assert.equal(gateway.status, 503);
  assert.equal(gateway.json, undefined, 'a gateway error is not JSON');
  await admin('POST', '/faults', { errorStatus: 500, latencyMs: 300, pathPrefix: '/v2/teams' });
  let started = Date.now();
  await call('GET', '/v2/me', { base: CALCOM_SIM_URL });
  assert.ok(Date.now() - started < 300, 'the path prefix limits the latency');
  started = Date.now();
  await call('GET', '/v2/teams', { base: CALCOM_SIM_URL });
  assert.ok(Date.now() - started >= 300);
  await admin('DELETE', '/faults');
  await admin('POST', '/faults', { hangCount: 1, hangMs: 1500 });
  await assert.rejects(call('GET', '/v2/me', { base: CALCOM_SIM_URL, timeoutMs: 400 }), /timeout|abort/i);
  assert.equal((await call('GET', '/v2/me', { base: CALCOM_SIM_URL })).status, 200, 'other requests are served meanwhile');

  await admin('POST', '/faults', { failAfterCommitCount: 1 });
  expectNestError(await book('2027-03-02T11:00:00Z'), 500, 'InternalServerErrorException');
  const stored = await call('GET', '/v2/bookings', { version: BOOKINGS, query: { attendeeEmail: 'jane@startup.test', afterStart: '2027-03-02T11:00:00Z' } });
  assert.equal(stored.json.data.length, 1, 'the failed create was committed: look it up before retrying');
  expectNestError(await book('2027-03-02T11:00:00Z'), 400, 'BadRequestException');
});

test('rate limiting: Cal.com headers and ThrottlerException', async () => {
  await admin('POST', '/rate-limit', { limit: 3 });
  for (let i = 0; i < 3; i += 1) assert.equal((await call('GET', '/v2/me')).status, 200);
  const limited = await call('GET', '/v2/me');
  expectNestError(limited, 429, 'ThrottlerException');
  assert.equal(limited.headers.get('x-ratelimit-remaining-default'), '0');
  assert.equal(limited.headers.get('x-ratelimit-limit-default'), '3');
  assert.equal(limited.headers.get('retry-after'), null, 'Retry-After only with --retry-after');
  // Another key has its own window.
  assert.equal((await call('GET', '/v2/me', { key: 'cal_test_alice_editor_3e8b61f0c2a94d57' })).status, 200);
  await admin('POST', '/rate-limit', { limit: 1, retryAfter: true });
  assert.equal((await call('GET', '/v2/me')).status, 200);
  const withRetryAfter = await call('GET', '/v2/me');
  expectNestError(withRetryAfter, 429, 'ThrottlerException');
  assert.match(withRetryAfter.headers.get('retry-after') || '', /^[1-9]\d*$/);
  await admin('POST', '/rate-limit', { limit: 1000 });
  await admin('POST', '/faults', { throttleCount: 2 });
  expectNestError(await call('GET', '/v2/me'), 429, 'ThrottlerException');
  expectNestError(await call('GET', '/v2/teams'), 429, 'ThrottlerException');
  assert.equal((await call('GET', '/v2/me')).status, 200);
});

async function main() {
  let failed = 0;
  for (const { name, fn } of tests) {
    await admin('POST', '/reset');
    await admin('POST', '/clock', { now: NOW });
    const started = Date.now();
    try {
      await fn();
      console.log(`ok   ${name} (${Date.now() - started} ms)`);
    } catch (error) {
      failed += 1;
      console.log(`FAIL ${name}\n     ${(error && error.stack) || error}`);
    }
  }
  console.log(`${tests.length - failed}/${tests.length} passed`);
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
