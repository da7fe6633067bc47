#include "http/api/render.hpp"

namespace poblysh::http::api {
namespace {

template <class T>
json or_null(const T& value) {
  return json(value);
}

template <class T>
json or_null(const std::optional<T>& value) {
  return value ? json(*value) : json(nullptr);
}

// A record's fields under their names, with its id and timestamps; an absent value is null.
template <typename Fields>
json render_record(const domain::Record<Fields>& record) {
  json out = {{"id", record.id}, {"created_at", iso(record.created_at)}, {"updated_at", iso(record.updated_at)}};
  domain::for_each_field(record.fields, [&](const char* name, const auto& value) { out[name] = or_null(value); });
  return out;
}

}  // namespace

json render(const domain::User& user) {
  return {{"id", user.id},           {"email", user.email},   {"name", user.name},
          {"role", domain::role_name(user.role)}, {"active", user.active}, {"created_at", iso(user.created_at)}};
}

json render(const domain::TeamMember& member) { return render_record(member); }

json render(const domain::Startup& startup) { return render_record(startup); }

json render(const domain::Contact& contact) {
  auto out = render_record(contact);
  out["startup_id"] = contact.startup_id;
  return out;
}

void write(JsonWriter& out, const domain::Contact& contact) {
  const auto& f = contact.fields;
  // In the order of render()'s keys once dumped (sorted), so both are the same bytes.
  out.begin_object().key("company").value(f.company).key("created_at").value(iso(contact.created_at));
  out.key("email").value(f.email).key("id").value(contact.id).key("name").value(f.name).key("phone");
  if (f.phone) {
    out.value(*f.phone);
  } else {
    out.value(nullptr);
  }
  out.key("startup_id").value(contact.startup_id).key("title").value(f.title);
  out.key("updated_at").value(iso(contact.updated_at)).end_object();
}

}  // namespace poblysh::http::api
