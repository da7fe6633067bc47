#include "domain/startup.hpp"

#include <cctype>

#include "domain/validation.hpp"

namespace poblysh::domain {

Result<StartupFields> validated(StartupFields fields) {
  trim_text_fields(fields);
  FieldErrors errors;
  errors.require_text("name", fields.name, 200);
  errors.optional_text("website", fields.website, 500);
  errors.optional_text("description", fields.description, 2000, Lines::many);
  if (!fields.website.empty() && !fields.website.starts_with("https://") && !fields.website.starts_with("http://")) {
    errors.add("website", "must start with https:// or http://");
  }
  RETURN_IF_ERROR(errors.result());
  return fields;
}

Result<ContactFields> validated(ContactFields fields, const std::string& startup_name) {
  trim_text_fields(fields);
  if (fields.company.empty()) fields.company = startup_name;
  FieldErrors errors;
  errors.require_text("name", fields.name, 200);
  errors.require_email("email", fields.email);
  errors.optional_text("title", fields.title, 200);
  errors.optional_text("company", fields.company, 200);
  if (fields.phone) {
    int digits = 0;
    for (char c : *fields.phone) {
      if (std::isdigit(static_cast<unsigned char>(c)))
        ++digits;
      else if (c != '+' && c != ' ' && c != '-' && c != '(' && c != ')' && c != '.')
        digits = -100;
    }
    if (digits < 5 || fields.phone->size() > 40) errors.add("phone", "is not a valid phone number");
  }
  RETURN_IF_ERROR(errors.result());
  return fields;
}

}  // namespace poblysh::domain
