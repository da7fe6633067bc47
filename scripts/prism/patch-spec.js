#!/usr/bin/env node
// Derives a test copy of Cal.com's OpenAPI document with the spec defects that make Prism
// reject correct Cal.com traffic fixed — each fix a named patch, listed below with its reason.
// The original (../shared/calcom/openapi-v2.json, relative to the repository) is never written.
//
// Usage: node patch-spec.js [--in <openapi-v2.json>] --out <patched.json> [--list]
//
// Every patch first checks that the spec still has the defect in the form it expects, and
// fails loudly otherwise: a silently skipped patch would hide an upstream change.
'use strict';

const fs = require('fs');
const path = require('path');

const DEFAULT_INPUT = path.resolve(__dirname, '../../../shared/calcom/openapi-v2.json');

function schema(spec, name) {
  const found = spec.components.schemas[name];
  if (!found) throw new Error(`schema ${name} not found`);
  return found;
}

function expectShape(condition, what) {
  if (!condition) throw new Error(`spec no longer looks as this patch expects: ${what}`);
}

const PATCHES = [
  {
    name: 'create-booking-body-anyOf',
    why: 'POST /v2/bookings body is oneOf(regular, instant, recurring) whose branches overlap ' +
      '(a regular booking also matches the recurring schema), so every valid create fails oneOf; ' +
      'its "location" is a oneOf of the same kind ({type:"integration",…} also matches the ' +
      '{type}-only organizersDefaultApp branch).',
    apply(spec) {
      const content = spec.paths['/v2/bookings'].post.requestBody.content['application/json'];
      expectShape(Array.isArray(content.schema.oneOf) && content.schema.oneOf.length === 3, 'create body oneOf[3]');
      content.schema = { anyOf: content.schema.oneOf };
      for (const name of ['CreateBookingInput_2024_08_13', 'CreateInstantBookingInput_2024_08_13',
        'CreateRecurringBookingInput_2024_08_13']) {
        const location = schema(spec, name).properties.location;
        expectShape(Array.isArray(location.oneOf), `${name}.location.oneOf`);
        location.anyOf = location.oneOf;
        delete location.oneOf;
      }
    },
  },
  {
    name: 'slots-response-envelope',
    why: 'GET /v2/slots 200 schema types the whole body as a date map of string arrays, so even ' +
      '"status" fails; real (and the spec\'s own example) is {status, data: {date: [{start, end?}]}}.',
    apply(spec) {
      const response = spec.paths['/v2/slots'].get.responses['200'].content['application/json'];
      expectShape(Array.isArray(response.schema.oneOf), 'slots response oneOf');
      const slot = {
        type: 'object',
        required: ['start'],
        properties: {
          start: { type: 'string' },
          end: { type: 'string' },
          attendeesCount: { type: 'number' },
          bookingUid: { type: 'string' },
        },
      };
      response.schema = {
        type: 'object',
        required: ['status', 'data'],
        properties: {
          status: { type: 'string', enum: ['success', 'error'] },
          data: { type: 'object', additionalProperties: { type: 'array', items: slot } },
        },
      };
    },
  },
  {
    name: 'event-type-output-unions-anyOf',
    why: 'Event type outputs type locations[] and bookingFields[] items as oneOf of schemas without ' +
      'discriminating constraints (every location also matches the {type}-only branch), so any ' +
      'non-empty list fails oneOf.',
    apply(spec) {
      for (const name of ['EventTypeOutput_2024_06_14', 'TeamEventTypeOutput_2024_06_14']) {
        for (const field of ['locations', 'bookingFields']) {
          const items = schema(spec, name).properties[field].items;
          expectShape(Array.isArray(items.oneOf), `${name}.${field}.items.oneOf`);
          items.anyOf = items.oneOf;
          delete items.oneOf;
        }
      }
    },
  },
  {
    name: 'event-type-output-scalar-types',
    why: 'Properties of *Output_2024_06_14 schemas typed "object" whose own example is a boolean or ' +
      'number (bookingFields[].isDefault, email field "required", slotInterval) — the spec\'s own ' +
      'examples fail them; retype them to the example\'s type.',
    apply(spec) {
      let changed = 0;
      for (const [name, candidate] of Object.entries(spec.components.schemas)) {
        if (!/Output_2024_06_14$/.test(name) || !candidate.properties) continue;
        for (const property of Object.values(candidate.properties)) {
          const example = property.example !== undefined ? property.example : property.default;
          if (property.type === 'object' && (typeof example === 'boolean' || typeof example === 'number')) {
            property.type = typeof example;
            changed += 1;
          }
        }
      }
      // Email's "required" has no example; it is a boolean like every other field's.
      const email = schema(spec, 'EmailDefaultFieldOutput_2024_06_14').properties.required;
      if (email.type === 'object') {
        email.type = 'boolean';
        changed += 1;
      }
      expectShape(changed >= 20, `at least 20 object-typed scalars (found ${changed})`);
    },
  },
  {
    name: 'event-type-users-objects',
    why: 'EventTypeOutput_2024_06_14.users is typed string[]; Cal.com returns user objects ' +
      '({id, name, username, avatarUrl, weekStart, brandColor, darkBrandColor, metadata}).',
    apply(spec) {
      const users = schema(spec, 'EventTypeOutput_2024_06_14').properties.users;
      expectShape(users.items && users.items.type === 'string', 'users: string[]');
      users.items = { type: 'object', required: ['id'], properties: { id: { type: 'number' }, username: { type: 'string', nullable: true } } };
    },
  },
  {
    name: 'team-event-type-hosts-objects',
    why: 'TeamEventTypeOutput_2024_06_14.hosts is typed string[]; real hosts are objects ' +
      '({userId, name, username, avatarUrl, …}).',
    apply(spec) {
      const hosts = schema(spec, 'TeamEventTypeOutput_2024_06_14').properties.hosts;
      expectShape(hosts.items && hosts.items.type === 'string', 'hosts: string[]');
      hosts.items = { type: 'object', required: ['userId'], properties: { userId: { type: 'number' }, name: { type: 'string', nullable: true } } };
    },
  },
  {
    name: 'memberships-data-array',
    why: 'GET /v2/teams/{teamId}/memberships types data as one membership; it is an array.',
    apply(spec) {
      const output = schema(spec, 'GetTeamMembershipsOutput');
      expectShape(output.properties.data.$ref, 'memberships data: $ref object');
      output.properties.data = { type: 'array', items: output.properties.data };
    },
  },
  {
    name: 'webhook-id-string',
    why: 'UserWebhookOutputDto.id is typed number; real ids are UUID strings (the path parameter ' +
      'is a string too). payloadTemplate is null when no template is set.',
    apply(spec) {
      const hook = schema(spec, 'UserWebhookOutputDto');
      expectShape(hook.properties.id.type === 'number', 'webhook id: number');
      hook.properties.id = { type: 'string' };
      hook.properties.payloadTemplate.nullable = true;
    },
  },
];

function main(argv) {
  const args = { in: DEFAULT_INPUT, out: null, list: false };
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--in') args.in = argv[++i];
    else if (argv[i] === '--out') args.out = argv[++i];
    else if (argv[i] === '--list') args.list = true;
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (args.list) {
    for (const patch of PATCHES) console.log(`${patch.name}: ${patch.why}`);
    return;
  }
  if (!args.out) throw new Error('--out <file> is required');
  if (path.resolve(args.out) === path.resolve(args.in)) throw new Error('refusing to overwrite the original spec');
  const spec = JSON.parse(fs.readFileSync(args.in, 'utf8'));
  for (const patch of PATCHES) {
    try {
      patch.apply(spec);
    } catch (error) {
      throw new Error(`patch ${patch.name} failed: ${error.message}`);
    }
  }
  spec.info['x-poblysh-patches'] = PATCHES.map((patch) => patch.name);
  fs.mkdirSync(path.dirname(path.resolve(args.out)), { recursive: true });
  fs.writeFileSync(args.out, JSON.stringify(spec));
  console.log(`wrote ${args.out} (${PATCHES.length} patches: ${PATCHES.map((p) => p.name).join(', ')})`);
}

try {
  main(process.argv.slice(2));
} catch (error) {
  console.error(`patch-spec: ${error.message}`);
  process.exit(1);
}
