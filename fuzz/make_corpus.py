#!/usr/bin/python3
"""Writes the seed corpora of fuzz/corpus/<target>/ (run again after changing the samples).

Seeds are real-shaped: Cal.com responses synthesised from the examples of the official OpenAPI
document (/work/shared/calcom/openapi-v2.json, or $CALCOM_OPENAPI), webhook deliveries shaped like
the ones Cal.com and our simulator (tools/calcom-sim/webhook_payload.cpp) send, and the bodies,
notes and times our API and tests use. Files are named by content hash, so re-running is stable;
regression inputs found by fuzzing are kept by hand as corpus/<target>/regression-*.
"""
import hashlib
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OPENAPI = os.environ.get("CALCOM_OPENAPI", "/work/shared/calcom/openapi-v2.json")


def write(target, samples):
    folder = os.path.join(HERE, "corpus", target)
    os.makedirs(folder, exist_ok=True)
    for sample in samples:
        data = sample if isinstance(sample, bytes) else (
            sample if isinstance(sample, str) else json.dumps(sample)).encode()
        name = hashlib.sha1(data).hexdigest()[:16]
        with open(os.path.join(folder, name), "wb") as out:
            out.write(data)


# --- Cal.com responses, from the OpenAPI document's schemas and property examples -----------

def synthesise(spec, schema, depth=0):
    if depth > 8:
        return None
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        return synthesise(spec, spec["components"]["schemas"][name], depth + 1)
    if "example" in schema:
        return schema["example"]
    for key in ("oneOf", "anyOf", "allOf"):
        if key in schema and schema[key]:
            return synthesise(spec, schema[key][0], depth + 1)
    if "enum" in schema and schema["enum"]:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        return {name: synthesise(spec, prop, depth + 1) for name, prop in schema.get("properties", {}).items()}
    if kind == "array":
        item = synthesise(spec, schema.get("items", {}), depth + 1)
        return [] if item is None else [item]
    return {"string": "text", "integer": 1, "number": 1.5, "boolean": True}.get(kind)


def calcom_responses():
    samples = []
    if os.path.exists(OPENAPI):
        with open(OPENAPI) as f:
            spec = json.load(f)
        wanted = [("/v2/me", "get"), ("/v2/event-types", "get"), ("/v2/slots", "get"), ("/v2/bookings", "get"),
                  ("/v2/bookings", "post"), ("/v2/bookings/{bookingUid}", "get"), ("/v2/webhooks", "get"),
                  ("/v2/webhooks", "post")]
        for path, method in wanted:
            for response in spec["paths"][path][method]["responses"].values():
                schema = response.get("content", {}).get("application/json", {}).get("schema")
                if schema:
                    samples.append(synthesise(spec, schema))
    else:
        print(f"note: {OPENAPI} not found, Cal.com seeds are the hand-written ones only", file=sys.stderr)
    booking = {"id": 123, "uid": "booking-uid-123", "title": "Interview: Acme", "description": "Notes",
               "hosts": [{"id": 1, "name": "Ada", "email": "ada@poblysh.example", "username": "ada",
                          "timeZone": "Europe/London"}],
               "status": "accepted", "start": "2026-05-06T09:00:00.000Z", "end": "2026-05-06T09:45:00.000Z",
               "duration": 45, "eventTypeId": 7, "eventType": {"id": 7, "slug": "interview"},
               "location": "integrations:daily", "meetingUrl": "https://app.cal.com/video/booking-uid-123",
               "icsUid": "ics@Cal.com", "absentHost": False, "createdAt": "2026-05-01T10:00:00Z",
               "updatedAt": "2026-05-01T10:00:00Z", "metadata": {"poblysh_interview_id": "17"},
               "attendees": [{"name": "Grace", "email": "grace@acme.example", "timeZone": "America/New_York",
                              "language": "en", "absent": False, "phoneNumber": None}],
               "guests": ["guest@acme.example"], "cancellationReason": None, "rescheduledFromUid": "old"}
    samples += [
        {"status": "success", "data": {"id": 1, "username": "ada", "email": "ada@poblysh.example", "name": "Ada",
                                        "timeZone": "Europe/London", "timeFormat": 24, "weekStart": "Monday",
                                        "defaultScheduleId": 3, "organizationId": None}},
        {"status": "success", "data": [{"id": 7, "slug": "interview", "title": "Interview", "lengthInMinutes": 45,
                                        "lengthInMinutesOptions": [30, 45, 60.0], "hidden": False, "ownerId": 1,
                                        "bookingUrl": "https://cal.com/ada/interview"}]},
        {"status": "success", "data": {"eventTypes": [{"id": 8, "length": 30}]}},
        {"status": "success", "data": {"2026-05-06": [{"start": "2026-05-06T09:00:00.000Z",
                                                       "end": "2026-05-06T09:30:00.000Z"}],
                                       "2026-05-07": ["2026-05-07T10:00:00+02:00"]}},
        {"status": "success", "data": {"slots": {"2026-05-06": [{"start": "2026-05-06T09:00:00Z"}]}}},
        {"status": "success", "data": booking},
        {"status": "success", "data": [booking]},
        {"status": "success", "data": [booking], "pagination": {"totalItems": 1, "hasNextPage": False}},
        {"status": "success", "data": {"bookings": [booking], "pagination": {"hasMore": True}}},
        {"status": "success", "data": {"id": "2f0e7c1e-webhook", "subscriberUrl": "https://poblysh.example/webhooks/calcom",
                                       "triggers": ["BOOKING_CREATED", "BOOKING_CANCELLED"], "active": True,
                                       "payloadTemplate": None, "secret": "whsec"}},
        {"status": "success", "data": [{"id": 5, "subscriberUrl": "https://x.example", "triggers": [], "active": False}]},
        {"status": "error", "timestamp": "2026-05-06T09:00:00Z", "path": "/v2/bookings",
         "error": {"code": "NotFoundException", "message": "Booking not found", "details": {"message": "x"}}},
        {"statusCode": 400, "message": ["start must be a valid ISO 8601 date string", "eventTypeId is required"],
         "error": "Bad Request"},
        {"statusCode": 404, "message": "Cannot GET /v2/nothing", "error": "Not Found"},
        {"status": "error", "error": {"code": "ThrottlerException", "message": "ThrottlerException: Too Many Requests"}},
        "<html><head><title>502 Bad Gateway</title></head>\r\n<body>nginx</body></html>",
    ]
    return samples


# --- Webhook deliveries ---------------------------------------------------------------------

def webhooks():
    def delivery(trigger, **extra):
        payload = {"type": "interview", "title": "Interview between Ada and Grace", "description": "",
                   "additionalNotes": "", "customInputs": {}, "startTime": "2026-05-06T09:00:00Z",
                   "endTime": "2026-05-06T09:45:00Z",
                   "organizer": {"id": 1, "name": "Ada", "email": "ada@poblysh.example", "username": "ada",
                                 "timeZone": "Europe/London", "language": {"locale": "en"}, "timeFormat": "h:mma",
                                 "utcOffset": 60},
                   "responses": {"name": {"label": "your_name", "value": "Grace"},
                                 "email": {"label": "email_address", "value": "grace@acme.example"}},
                   "userFieldsResponses": {}, "attendees": [{"email": "grace@acme.example", "name": "Grace",
                                                            "firstName": "", "lastName": "", "timeZone": "UTC",
                                                            "language": {"locale": "en"}, "utcOffset": 0}],
                   "location": "integrations:daily", "destinationCalendar": None, "hideCalendarNotes": False,
                   "requiresConfirmation": None, "eventTypeId": 7, "seatsShowAttendees": True,
                   "uid": "booking-uid-123", "bookingId": 123, "iCalUID": "booking-uid-123@Cal.com",
                   "iCalSequence": 0, "status": "ACCEPTED", "team": {"name": "Poblysh", "members": [], "id": 3},
                   "metadata": {"videoCallUrl": "https://app.cal.com/video/booking-uid-123",
                                "poblysh_interview_id": "17"},
                   "videoCallData": {"type": "daily_video", "id": "x", "password": "", "url": "https://daily.example/x"},
                   "appsStatus": []}
        payload.update(extra)
        return {"triggerEvent": trigger, "createdAt": "2026-05-04T08:00:00.123Z", "payload": payload}

    return [
        delivery("BOOKING_CREATED"),
        delivery("BOOKING_REQUESTED", status="PENDING", location="integrations:google:meet",
                 videoCallData={"type": "google_video", "url": "https://meet.google.com/abc-defg-hij"}),
        delivery("BOOKING_RESCHEDULED", uid="new-uid", rescheduleUid="booking-uid-123", iCalSequence=1,
                 rescheduledBy="ada@poblysh.example", rescheduleStartTime="2026-05-06T09:00:00Z",
                 rescheduleEndTime="2026-05-06T09:45:00Z", location="https://zoom.us/j/123"),
        delivery("BOOKING_CANCELLED", status="CANCELLED", cancellationReason="Founder is ill",
                 cancelledBy="grace@acme.example", iCalSequence=2),
        delivery("BOOKING_REJECTED", status="REJECTED", rejectionReason="Not a fit",
                 location="integrations:office365_video"),
        {"triggerEvent": "BOOKING_CANCELLED", "payload": {"uid": "u1", "cancellationReason": "ill"}},
        {"triggerEvent": "PING", "createdAt": "2026-05-04T08:00:00Z", "payload": {"type": "Test", "title": "Test trigger event"}},
        {"triggerEvent": "MEETING_ENDED", "uid": "x"},
        {"triggerEvent": "MEETING_ENDED", "id": 1007, "uid": "booking-uid-123", "startTime": "2026-05-06T09:00:00.000Z",
         "endTime": "2026-05-06T09:30:00.000Z", "createdAt": "2026-05-01T10:00:00.000Z", "status": "ACCEPTED",
         "iCalUID": "booking-uid-123@Cal.com", "iCalSequence": 0, "noShowHost": True,
         "metadata": {"poblysh_interview_id": "17"},
         "attendees": [{"id": 1, "email": "grace@acme.example", "noShow": True},
                       {"id": 2, "email": "ada@poblysh.example", "noShow": None}]},
        {"triggerEvent": "BOOKING_NO_SHOW_UPDATED", "createdAt": "2026-05-06T10:00:00.000Z",
         "payload": {"message": "grace@acme.example marked as no-show",
                     "attendees": [{"email": "grace@acme.example", "noShow": True}],
                     "bookingUid": "booking-uid-123", "bookingId": 1007, "noShowHost": False}},
        {"triggerEvent": "AFTER_HOSTS_CAL_VIDEO_NO_SHOW", "createdAt": "2026-05-06T09:05:00.000Z",
         "payload": {"bookingId": 1007, "bookingUid": "booking-uid-123", "hostEmail": "ada@poblysh.example",
                     "message": "Host with email ada@poblysh.example didn't join the call"}},
        {"triggerEvent": "AFTER_GUESTS_CAL_VIDEO_NO_SHOW", "createdAt": "2026-05-06T09:05:00.000Z",
         "payload": {"bookingUid": "booking-uid-123", "attendees": [{"email": "grace@acme.example", "noShow": True}],
                     "message": "Guest didn't join the call"}},
        delivery("BOOKING_CANCELLED", status="CANCELLED", cancellationReason="Conference", requestReschedule=True,
                 cancelledBy="ada@poblysh.example"),
        {"triggerEvent": "BOOKING_PAID", "createdAt": "2026-05-04T08:00:00Z", "payload": {"uid": "u3", "paymentId": 4}},
        {"triggerEvent": "BOOKING_CREATED", "createdAt": "2026-05-04T08:00:00+02:00",
         "payload": {"uid": "u2", "bookingId": "42", "startTime": "2026-05-06T09:00:00.5Z",
                     "endTime": "2026-05-06T09:30:00-01:30", "metadata": {"poblysh_interview_id": 9}}},
    ]


# --- Our API's request bodies ---------------------------------------------------------------

def api_requests():
    return [
        {"email": "admin@poblysh.local", "password": "correct horse battery staple"},
        {"email": "new@poblysh.example", "name": "New Person", "role": "admin", "password": ""},
        {"name": "my script"},
        {"name": "Ada Lovelace", "email": "ada@poblysh.example", "role": "Head of Research",
         "calcom_username": "ada", "calcom_user_id": 12, "active": True},
        {"calcom_user_id": None, "calcom_username": None, "active": False},
        {"name": "Acme Robotics", "website": "https://acme.example", "description": "Robots for farms"},
        {"name": "Grace Hopper", "email": "grace@acme.example", "title": "CEO", "company": "Acme", "phone": None},
        {"startup_id": 1, "title": "First call", "contact_id": 2},
        {"startup_id": 1, "contact": {"name": "Grace", "email": "grace@acme.example", "phone": "+44 20 7946 0000"}},
        {"primary_team_member_id": 1, "additional_team_member_ids": [2, 3]},
        {"event_type_id": 7, "custom_duration_minutes": 45, "start_time": "2026-05-06T09:00:00Z"},
        {"guests": [{"contact_id": 4}, {"name": "Linus", "email": "linus@acme.example", "role": "CTO",
                                        "company": "Acme"}]},
        {"prep_notes_markdown": "# Agenda\n- intro", "timezone": "Europe/Berlin",
         "custom_questions": ["What do you sell?", "Who buys it?"]},
        {"reason": "The founder asked to move it"},
        {"add_guests": [{"contact_id": 4}, {"name": "Nia", "email": "nia@partner.example"}],
         "remove_guests": ["ivy@fund.example"], "add_team_member_ids": [3], "remove_team_member_ids": [2]},
        {"primary_team_member_id": 4, "event_type_id": 1201, "start_time": "2026-05-06T10:00:00Z",
         "keep_previous": True, "reason": "Alice is travelling"},
        {"markdown": "**bold** and [link](https://poblysh.example)"},
        "[]", "null", "{\"a\":", "6f0a\n31",
    ]


# --- Markdown notes -------------------------------------------------------------------------

def markdown():
    return [
        "# Agenda\n\n1. Intro\n2. Product demo\n3. Questions\n\n- [ ] send deck\n- [x] book room\n",
        "| Who | Topic |\n|:---|---:|\n| Ada | *pricing* |\n| Grace | ~~hiring~~ |\n",
        "See https://poblysh.example and www.acme.example, mail grace@acme.example.\n",
        "[click](javascript:alert(1)) [v](vbscript:msgbox) ![i](data:image/png;base64,AAAA) [d](data:text/html,x)\n",
        "<script>alert(1)</script>\n\n<div onclick=\"x()\">hi</div> <img src=x onerror=alert(1)>\n",
        "> quote with `code` and\n>\n> ```js\n> let x = 1 < 2;\n> ```\n",
        "Setext\n===\n\n***\n\nline  \nbreak &amp; &copy; &#x3C;script&#x3E;\n",
        "[ref][1]\n\n[1]: https://example.com \"title\"\n\n<https://autolink.example>\n",
        "- a\n  - b\n    - c\n      1. d\n\n    indented code\n",
    ]


# --- Time zones and ISO 8601 times ----------------------------------------------------------

def times():
    return [
        "Europe/Berlin\n2026-03-29T01:30:00Z", "America/New_York\n2026-11-01T05:30:00.250+00:00",
        "Australia/Lord_Howe\n2026-04-05T14:45:00+10:30", "Asia/Kathmandu\n2026-05-04T09:30:00+05:45",
        "UTC\n1970-01-01T00:00:00Z", "Etc/GMT+12\n2262-04-11T23:47:16Z", "US/Pacific\n1900-01-01T00:00:00-08:00",
        "Nowhere/Zone\n2026-05-04T09:30:00z", "\n2026-05-04T09:30:00.123456789Z",
    ]


def dictionary_of(samples):
    """JSON keys and string values of the samples, as libFuzzer dictionary entries."""
    tokens = set()

    def walk(value):
        if isinstance(value, dict):
            for key, item in value.items():
                tokens.add(json.dumps(key))
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str) and len(value) <= 40:
            tokens.add(json.dumps(value))

    for sample in samples:
        walk(sample)
    return sorted(tokens)


def dict_entry(token):
    """One libFuzzer dictionary line: printable ASCII as is, quote and backslash escaped, other bytes as hex."""
    out = []
    for byte in token.encode():
        char = chr(byte)
        if char in '"\\':
            out.append("\\" + char)
        elif 32 <= byte < 127:
            out.append(char)
        else:
            out.append(f"\\x{byte:02X}")
    return '"' + "".join(out) + '"\n'


def write_dictionary(target, samples, extra=()):
    entries = list(extra) + dictionary_of([s for s in samples if not isinstance(s, (str, bytes))])
    with open(os.path.join(HERE, f"{target}.dict"), "w") as out:
        out.write(f"# libFuzzer dictionary for {target} (generated by make_corpus.py)\n")
        for entry in entries:
            out.write(dict_entry(entry))


# --- Hostile shapes every JSON reader must refuse without recursing (docs/security.md) ------

def deep_json():
    return ["[" * 5000 + "]" * 5000, "{\"a\":" * 2000 + "1" + "}" * 2000,
            json.dumps({"payload": json.loads("[" * 33 + "]" * 33)}), "[" * 5000]


def markdown_bombs():
    table = "|" + "a|" * 500 + "\n|" + "---|" * 500 + "\n" + "x\n" * 2000
    return [table, ">" * 40 + " deep", "- " * 40 + "x", "[" * 3000 + "x" + "]" * 3000 + "\n\n[x]: https://e.example",
            "[l]: https://example.com/" + "a" * 4000 + "\n\n" + "[l] " * 400, "\"" * 4000, "z_www." * 1000]


if __name__ == "__main__":
    json_tokens = ["{", "}", "[", "]", ":", ",", "null", "true", "false", "\"\"", "\\u0000", "1e400", "-0",
                   "9223372036854775808", "Z", "+00:00", "T"]
    calcom = calcom_responses()
    write("calcom_response", calcom + deep_json())
    write_dictionary("calcom_response", calcom, json_tokens)
    hooks = webhooks()
    write("webhook", hooks + deep_json())
    write_dictionary("webhook", hooks, json_tokens)
    api = api_requests()
    write("api_request", api + deep_json())
    write_dictionary("api_request", api, json_tokens)
    write("markdown", markdown() + markdown_bombs())
    with open(os.path.join(HERE, "markdown.dict"), "w") as out:
        out.write("# libFuzzer dictionary for markdown\n")
        for token in ["# ", "```", "~~", "**", "|---|", "- [ ] ", "](", "![", "<script>", "javascript:",
                      "data:", "http://", "www.", "&#", "\n\n", "> ", "    ", "<!--", "<a href=", "[^1]"]:
            out.write(dict_entry(token))
    write("time", times())
    with open(os.path.join(HERE, "time.dict"), "w") as out:
        out.write("# libFuzzer dictionary for time\n")
        for token in ["Europe/", "America/", "Etc/GMT", "UTC", "\n", "T", "Z", "+", "-", ":", ".", "00", "2026-",
                      "1677-", "2262-", "9999-", "-32768"]:
            out.write(dict_entry(token))
