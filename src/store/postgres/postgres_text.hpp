// store/postgres: what crosses libpq as text — values and their types, SQLSTATEs turned into our
// errors, placeholders and URLs (the latter declared in postgres_database.hpp). No connection here.
#pragma once

#include <libpq-fe.h>

#include <string>
#include <string_view>

#include "core/error.hpp"
#include "store/database.hpp"

namespace poblysh::store::pg {

// A serialization failure or deadlock: the whole transaction may simply run again.
bool is_retryable(std::string_view sqlstate);
// The server went away or cannot take us now: another try later may well succeed.
bool is_unavailable(std::string_view sqlstate);
std::string trimmed_message(const char* message);
// Our error for a failed statement; its detail (for the log) never holds parameters.
Error postgres_error(std::string_view sqlstate, const std::string& message, std::string_view sql);
// A double as text that reads back to the same value.
std::string text_of(double value);
// A result field typed like SQLite's: integers, booleans as 0/1, doubles, else text.
Value value_of(Oid type, const char* text, int length);

}  // namespace poblysh::store::pg
