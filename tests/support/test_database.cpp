#include "test_database.hpp"

#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <random>
#include <stdexcept>

namespace poblysh::testing {
namespace {

using PgConnection = std::unique_ptr<PGconn, decltype(&PQfinish)>;

std::string with_parameter(const std::string& url, const std::string& parameter) {
  return url + (url.find('?') == std::string::npos ? "?" : "&") + parameter;
}

// Runs `sql` (one or more statements) on a connection of its own; throws with libpq's message.
void run_sql(const std::string& url, const std::string& sql) {
  PgConnection connection(PQconnectdb(with_parameter(url, "connect_timeout=10").c_str()), &PQfinish);
  if (PQstatus(connection.get()) != CONNECTION_OK)
    throw std::runtime_error("cannot connect to the test PostgreSQL: " + std::string(PQerrorMessage(connection.get())));
  std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(connection.get(), sql.c_str()), &PQclear);
  if (PQresultStatus(result.get()) != PGRES_COMMAND_OK)
    throw std::runtime_error(sql + ": " + std::string(PQerrorMessage(connection.get())));
}

// Unique across the parallel test processes sharing the server, and a plain identifier.
std::string unique_schema_name() {
  static std::atomic<int> counter{0};
  std::random_device random;
  return "test_" + std::to_string(::getpid()) + "_" + std::to_string(++counter) + "_" + std::to_string(random() % 1000000);
}

}  // namespace

TestStore current_test_store() {
  const char* value = std::getenv("POBLYSH_TEST_STORE");
  if (value == nullptr || std::string(value).empty() || std::string(value) == "sqlite") return TestStore::sqlite;
  if (std::string(value) == "postgresql") return TestStore::postgresql;
  throw std::runtime_error("POBLYSH_TEST_STORE must be sqlite or postgresql, not " + std::string(value));
}

std::string test_postgres_url() {
  const char* from_env = std::getenv("POBLYSH_TEST_PG_URL_FILE");
  const std::string path = from_env != nullptr && *from_env != '\0' ? from_env : POBLYSH_TEST_PG_URL_FILE_DEFAULT;
  std::ifstream file(path);
  std::string url;
  if (!file || !std::getline(file, url) || url.empty())
    throw std::runtime_error("no test PostgreSQL: " + path +
                             " is missing (run through ctest, whose fixture `postgres` starts the server, or "
                             "scripts/pg-test-server.sh start <dir> and set POBLYSH_TEST_PG_URL_FILE)");
  return url;
}

PostgresSchema::PostgresSchema() : server_url_(test_postgres_url()), name_(unique_schema_name()) {
  run_sql(server_url_, "CREATE SCHEMA " + name_);
  url_ = with_parameter(server_url_, "options=-csearch_path%3D" + name_);
}

PostgresSchema::~PostgresSchema() {
  try {
    // A service killed a moment ago may still hold locks until its server process notices.
    run_sql(server_url_, "SET client_min_messages = warning; SET lock_timeout = '20s'; DROP SCHEMA IF EXISTS " + name_ + " CASCADE");
  } catch (const std::exception& error) {
    std::cerr << "could not drop test schema " << name_ << ": " << error.what() << "\n";
  }
}

TestDatabase::TestDatabase(const std::filesystem::path& sqlite_file) : store_(current_test_store()) {
  if (store_ == TestStore::postgresql) {
    schema_ = std::make_unique<PostgresSchema>();
    url_ = schema_->url();
  } else {
    url_ = "sqlite://" + sqlite_file.string();
  }
}

TestDatabase::~TestDatabase() = default;

}  // namespace poblysh::testing
