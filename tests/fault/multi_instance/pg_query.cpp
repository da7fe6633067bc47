#include "pg_query.hpp"

#include <libpq-fe.h>

#include <memory>
#include <stdexcept>

namespace poblysh::testing {
namespace {

PGconn* as_connection(void* connection) { return static_cast<PGconn*>(connection); }

}  // namespace

PgQuery::PgQuery(const std::string& url) : connection_(PQconnectdb(url.c_str())) {
  if (PQstatus(as_connection(connection_)) != CONNECTION_OK) {
    const std::string reason = PQerrorMessage(as_connection(connection_));
    PQfinish(as_connection(connection_));
    throw std::runtime_error("cannot connect to the test PostgreSQL: " + reason);
  }
}

PgQuery::~PgQuery() { PQfinish(as_connection(connection_)); }

std::vector<std::vector<std::string>> PgQuery::rows(const std::string& sql) {
  std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(as_connection(connection_), sql.c_str()), &PQclear);
  if (PQresultStatus(result.get()) != PGRES_TUPLES_OK) {
    throw std::runtime_error(sql + ": " + PQresultErrorMessage(result.get()));
  }
  std::vector<std::vector<std::string>> out;
  for (int row = 0; row < PQntuples(result.get()); ++row) {
    std::vector<std::string> values;
    for (int column = 0; column < PQnfields(result.get()); ++column) values.emplace_back(PQgetvalue(result.get(), row, column));
    out.push_back(std::move(values));
  }
  return out;
}

std::int64_t PgQuery::number(const std::string& sql) {
  auto all = rows(sql);
  if (all.empty() || all.front().empty()) throw std::runtime_error(sql + ": no rows");
  return std::stoll(all.front().front());
}

}  // namespace poblysh::testing
