#include "http/api/render.hpp"

namespace poblysh::http::api {
namespace {

template <class T>
json or_null(const std::optional<T>& value) {
  return value ? json(*value) : json(nullptr);
}

}  // namespace

json render(const domain::User& user) {
  return {{"id", user.id},           {"email", user.email},   {"name", user.name},
          {"role", domain::role_name(user.role)}, {"active", user.active}, {"created_at", iso(user.created_at)}};
}

json render(const domain::TeamMember& member) {
  const auto& f = member.fields;
  return {{"id", member.id},
          {"name", f.name},
          {"email", f.email},
          {"role", f.role},
          {"calcom_user_id", or_null(f.calcom_user_id)},
          {"calcom_username", or_null(f.calcom_username)},
          {"active", f.active},
          {"created_at", iso(member.created_at)},
          {"updated_at", iso(member.updated_at)}};
}

json render(const domain::Startup& startup) {
  return {{"id", startup.id},
          {"name", startup.fields.name},
          {"website", startup.fields.website},
          {"description", startup.fields.description},
          {"created_at", iso(startup.created_at)},
          {"updated_at", iso(startup.updated_at)}};
}

json render(const domain::Contact& contact) {
  const auto& f = contact.fields;
  return {{"id", contact.id},
          {"startup_id", contact.startup_id},
          {"name", f.name},
          {"email", f.email},
          {"title", f.title},
          {"company", f.company},
          {"phone", or_null(f.phone)},
          {"created_at", iso(contact.created_at)},
          {"updated_at", iso(contact.updated_at)}};
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
