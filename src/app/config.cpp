#include "app/config.hpp"

#include <arpa/inet.h>
#include <spdlog/common.h>
#include <toml++/toml.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <sstream>
#include <string_view>
#include <vector>

namespace poblysh::app {
namespace {

Error bad(const std::string& key, const std::string& problem) {
  return Error{ErrorCode::invalid_input, key + ": " + problem, {}, {}, {}};
}

Status parse_address(const std::string& key, const std::string& value, Config& config) {
  const auto colon = value.rfind(':');
  unsigned port = 0;
  if (colon == std::string::npos || colon == 0 ||
      std::from_chars(value.data() + colon + 1, value.data() + value.size(), port).ec != std::errc() || port > 65535 ||
      colon + 1 == value.size()) {
    return tl::unexpected(bad(key,
                              "expected host:port such as 127.0.0.1:8080 "
                              "(port 0 picks a free port), got '" +
                                  value + "'"));
  }
  config.http_host = value.substr(0, colon);
  config.http_port = static_cast<std::uint16_t>(port);
  return {};
}

Status parse_trusted_proxies(const std::string& key, const std::string& value, Config& config) {
  std::vector<std::string> proxies;
  std::size_t start = 0;
  while (start <= value.size()) {
    const auto comma = std::min(value.find(',', start), value.size());
    std::string address = value.substr(start, comma - start);
    address.erase(0, address.find_first_not_of(" \t"));
    address.erase(address.find_last_not_of(" \t") + 1);
    unsigned char buffer[sizeof(in6_addr)];
    if (!address.empty()) {
      if (inet_pton(AF_INET, address.c_str(), buffer) != 1 && inet_pton(AF_INET6, address.c_str(), buffer) != 1) {
        return tl::unexpected(bad(key,
                                  "expected IP addresses separated by "
                                  "commas, such as 127.0.0.1,::1; got '" +
                                      address + "'"));
      }
      proxies.push_back(std::move(address));
    }
    start = comma + 1;
  }
  config.trusted_proxies = std::move(proxies);
  return {};
}

Result<long> parse_number(const std::string& key, const std::string& value, long min, long max) {
  long number = 0;
  auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (error != std::errc() || end != value.data() + value.size() || number < min || number > max) {
    return tl::unexpected(bad(key, "expected a whole number from " + std::to_string(min) + " to " +
                                       std::to_string(max) + ", got '" + value + "'"));
  }
  return number;
}

Result<std::string> read_secret_file(const std::string& key, const std::string& path) {
  std::ifstream file(path);
  if (!file) return tl::unexpected(bad(key, "cannot read the file " + path));
  std::stringstream contents;
  contents << file.rdbuf();
  std::string secret = contents.str();
  while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r' || secret.back() == ' ')) secret.pop_back();
  if (secret.empty()) return tl::unexpected(bad(key, "the file " + path + " is empty"));
  return secret;
}

// A share of the Cal.com budget: a decimal such as 0.5 or a fraction such as
// 1/3.
Status parse_share(const std::string& key, const std::string& value, Config& config) {
  const auto invalid = [&] {
    return tl::unexpected(bad(key, "expected a share above 0 and at most 1, such as 0.5 or 1/3, got '" + value + "'"));
  };
  const char* begin = value.data();
  const char* end = value.data() + value.size();
  double share = 0;
  if (const auto slash = value.find('/'); slash != std::string::npos) {
    long numerator = 0, denominator = 0;
    auto top = std::from_chars(begin, begin + slash, numerator);
    auto bottom = std::from_chars(begin + slash + 1, end, denominator);
    if (top.ec != std::errc() || top.ptr != begin + slash || bottom.ec != std::errc() || bottom.ptr != end ||
        denominator <= 0) {
      return invalid();
    }
    share = static_cast<double>(numerator) / static_cast<double>(denominator);
  } else {
    auto parsed = std::from_chars(begin, end, share);
    if (parsed.ec != std::errc() || parsed.ptr != end) return invalid();
  }
  if (!(share > 0.0 && share <= 1.0)) return invalid();
  config.calcom_request_share = share;
  return {};
}

// One setting: its TOML path, its environment name, and how to apply a text
// value.
struct Setting {
  const char* toml_path;
  const char* env_name;
  std::function<Status(const std::string& key, const std::string& value, Config&)> apply;
};

Status text_into(std::string Config::*field, const std::string&, const std::string& value, Config& config) {
  config.*field = value;
  return {};
}

std::vector<Setting> settings() {
  using namespace std::placeholders;
  auto text = [](std::string Config::*field) { return std::bind(text_into, field, _1, _2, _3); };
  auto secret_file = [](std::string Config::*field) {
    return [field](const std::string& key, const std::string& path, Config& config) -> Status {
      ASSIGN_OR_RETURN(auto secret, read_secret_file(key, path));
      config.*field = secret;
      return {};
    };
  };
  auto flag = [](bool Config::*field) {
    return [field](const std::string& key, const std::string& value, Config& config) -> Status {
      if (value != "true" && value != "false" && value != "1" && value != "0") {
        return tl::unexpected(bad(key, "expected true or false, got '" + value + "'"));
      }
      config.*field = value == "true" || value == "1";
      return {};
    };
  };
  auto number = [](auto Config::*field, long min, long max) {
    return [field, min, max](const std::string& key, const std::string& value, Config& config) -> Status {
      ASSIGN_OR_RETURN(auto parsed, parse_number(key, value, min, max));
      config.*field = static_cast<std::remove_reference_t<decltype(config.*field)>>(parsed);
      return {};
    };
  };
  return {
      {"http.address", "POBLYSH_HTTP_ADDRESS", parse_address},
      {"http.threads", "POBLYSH_HTTP_THREADS", number(&Config::http_threads, 1, 256)},
      {"http.worker_threads", "POBLYSH_HTTP_WORKER_THREADS", number(&Config::http_worker_threads, 1, 256)},
      {"http.max_body_bytes", "POBLYSH_HTTP_MAX_BODY_BYTES", number(&Config::max_body_bytes, 1024, 64L << 20)},
      {"http.max_connections", "POBLYSH_HTTP_MAX_CONNECTIONS", number(&Config::http_max_connections, 8, 65536)},
      {"http.static_dir", "POBLYSH_STATIC_DIR", text(&Config::static_dir)},
      {"http.public_url", "POBLYSH_PUBLIC_URL", text(&Config::public_url)},
      {"http.ready_file", "POBLYSH_READY_FILE", text(&Config::ready_file)},
      {"http.trusted_proxies", "POBLYSH_TRUSTED_PROXIES", parse_trusted_proxies},
      {"http.page_cache_mb", "POBLYSH_PAGE_CACHE_MB", number(&Config::page_cache_mb, 0, 1024)},
      {"database.url", "POBLYSH_DATABASE_URL", text(&Config::database_url)},
      {"database.pool", "POBLYSH_DATABASE_POOL", number(&Config::database_pool, 1, 64)},
      {"demo_data", "POBLYSH_DEMO_DATA", flag(&Config::demo_data)},
      {"calcom.base_url", "POBLYSH_CALCOM_BASE_URL", text(&Config::calcom_base_url)},
      {nullptr, "POBLYSH_CALCOM_API_KEY", text(&Config::calcom_api_key)},
      {"calcom.api_key_file", "POBLYSH_CALCOM_API_KEY_FILE", secret_file(&Config::calcom_api_key)},
      {nullptr, "POBLYSH_CALCOM_WEBHOOK_SECRET", text(&Config::calcom_webhook_secret)},
      {"calcom.webhook_secret_file", "POBLYSH_CALCOM_WEBHOOK_SECRET_FILE", secret_file(&Config::calcom_webhook_secret)},
      {"calcom.requests_per_minute", "POBLYSH_CALCOM_REQUESTS_PER_MINUTE",
       number(&Config::calcom_requests_per_minute, 1, 100000)},
      {"calcom.request_share", "POBLYSH_CALCOM_REQUEST_SHARE", parse_share},
      {"calcom.sandbox", "POBLYSH_CALCOM_SANDBOX", flag(&Config::calcom_sandbox)},
      {"calcom.sends_attendee_emails", "POBLYSH_CALCOM_SENDS_ATTENDEE_EMAILS",
       flag(&Config::calcom_sends_attendee_emails)},
      {"calcom.availability_event_slug", "POBLYSH_CALCOM_AVAILABILITY_SLUG", text(&Config::calcom_availability_slug)},
      {"calcom.sync_seconds", "POBLYSH_CALCOM_SYNC_SECONDS", number(&Config::calcom_sync_seconds, 0, 86400)},
      {nullptr, "POBLYSH_SMTP_URL", text(&Config::smtp_url)},
      {"smtp.url_file", "POBLYSH_SMTP_URL_FILE", secret_file(&Config::smtp_url)},
      {"smtp.from", "POBLYSH_SMTP_FROM", text(&Config::smtp_from)},
      {"smtp.retry_seconds", "POBLYSH_SMTP_RETRY_SECONDS", number(&Config::smtp_retry_seconds, 1, 3600)},
      {"smtp.lease_seconds", "POBLYSH_SMTP_LEASE_SECONDS", number(&Config::smtp_lease_seconds, 4, 3600)},
      {"interviews.completion_grace_minutes", "POBLYSH_INTERVIEWS_COMPLETION_GRACE_MINUTES",
       number(&Config::interviews_completion_grace_minutes, 0, 7 * 24 * 60)},
      {"jobs.poll_seconds", "POBLYSH_JOBS_POLL_SECONDS", number(&Config::jobs_poll_seconds, 1, 3600)},
      {"jobs.lease_seconds", "POBLYSH_JOBS_LEASE_SECONDS", number(&Config::jobs_lease_seconds, 4, 3600)},
      {"log.level", "POBLYSH_LOG_LEVEL",
       [](const std::string& key, const std::string& value, Config& config) -> Status {
         for (const char* level : {"trace", "debug", "info", "warning", "warn", "error", "critical", "off"}) {
           if (value == level) {
             config.log_level = value;
             return {};
           }
         }
         return tl::unexpected(bad(key,
                                   "expected one of trace, debug, info, "
                                   "warning, error, critical, off"));
       }},
  };
}

std::optional<std::string> toml_text(const toml::table& table, const char* path) {
  auto node = table.at_path(path);
  if (!node) return std::nullopt;
  if (auto text = node.value<std::string>()) return *text;
  if (auto integer = node.value<std::int64_t>()) return std::to_string(*integer);
  if (auto flag = node.value<bool>()) return *flag ? "true" : "false";
  if (auto real = node.value<double>()) {
    char text[64];
    auto written = std::to_chars(text, text + sizeof text,
                                 *real);  // shortest form that reads back the same
    return std::string(text, written.ptr);
  }
  return std::string("\x01");  // a table or array: reported as a bad value below
}

// Edits from one text to the other (insertions, deletions, substitutions).
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// Every value of the file, by its dotted path ("database.url"); tables are walked into.
void leaf_paths(const toml::table& table, const std::string& prefix, std::vector<std::string>& out) {
  for (const auto& [key, node] : table) {
    const std::string path = prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
    if (const auto* inner = node.as_table()) {
      leaf_paths(*inner, path, out);
    } else {
      out.push_back(path);
    }
  }
}

// A name the service does not know is a mistake (a typo in `[database]` or in
// POBLYSH_DATABASE_URL would otherwise run the service on the default SQLite file): it stops
// start-up, naming the nearest known name when one is close.
Status check_known_names(const std::vector<std::string>& names, const std::vector<const char*>& known_names) {
  for (const auto& name : names) {
    const char* nearest = nullptr;
    std::size_t best = SIZE_MAX;
    bool known = false;
    for (const char* candidate : known_names) {
      if (name == candidate) known = true;
      if (const auto distance = edit_distance(name, candidate); distance < best) {
        best = distance;
        nearest = candidate;
      }
    }
    if (known) continue;
    std::string problem = "is not a setting";
    if (nearest && best <= std::max<std::size_t>(3, name.size() / 3)) {
      problem += "; did you mean '" + std::string(nearest) + "'?";
    }
    return tl::unexpected(bad(name, problem));
  }
  return {};
}

std::vector<const char*> toml_names(const std::vector<Setting>& all) {
  std::vector<const char*> names;
  for (const auto& setting : all) {
    if (setting.toml_path) names.push_back(setting.toml_path);
  }
  return names;
}

std::vector<const char*> environment_names(const std::vector<Setting>& all) {
  std::vector<const char*> names;
  for (const auto& setting : all) names.push_back(setting.env_name);
  return names;
}

}  // namespace

int instance_requests_per_minute(const Config& config) {
  // The epsilon keeps 120 × (1/3) at 40 despite binary fractions; it never
  // rounds a real fraction up.
  return static_cast<int>(std::floor(config.calcom_requests_per_minute * config.calcom_request_share + 1e-9));
}

Environment process_environment() {
  Environment variables;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string_view text(*entry);
    const auto equals = text.find('=');
    if (!text.starts_with("POBLYSH_") || equals == std::string_view::npos) continue;
    variables.emplace(text.substr(0, equals), text.substr(equals + 1));
  }
  return variables;
}

Result<Config> load_config(const std::optional<std::string>& toml_path, const Environment& environment) {
  Config config;
  const auto all = settings();
  bool database_named = environment.contains("POBLYSH_DATABASE_URL");
  if (toml_path) {
    toml::table table;
    try {
      table = toml::parse_file(*toml_path);
    } catch (const toml::parse_error& error) {
      std::ostringstream where;
      where << error.source().begin;
      return tl::unexpected(bad(*toml_path, std::string(error.description()) + " at " + where.str()));
    }
    for (const char* secret : {"calcom.api_key", "calcom.webhook_secret", "smtp.url", "smtp.password"}) {
      if (table.at_path(secret)) {
        return tl::unexpected(bad(secret,
                                  "secrets are not read from the configuration "
                                  "file; use the environment "
                                  "variable or a *_file setting that points to "
                                  "a file only you can read"));
      }
    }
    std::vector<std::string> paths;
    leaf_paths(table, "", paths);
    RETURN_IF_ERROR(check_known_names(paths, toml_names(all)));
    database_named = database_named || table.at_path("database.url");
    for (const auto& setting : all) {
      if (!setting.toml_path) continue;
      if (auto value = toml_text(table, setting.toml_path)) {
        RETURN_IF_ERROR(setting.apply(setting.toml_path, *value, config));
      }
    }
  }
  std::vector<std::string> variables;
  for (const auto& [name, value] : environment) variables.push_back(name);
  RETURN_IF_ERROR(check_known_names(variables, environment_names(all)));
  for (const auto& setting : all) {
    if (auto value = environment.find(setting.env_name); value != environment.end()) {
      RETURN_IF_ERROR(setting.apply(setting.env_name, value->second, config));
    }
  }
  if (toml_path && !database_named) {
    return tl::unexpected(bad("database.url",
                              "not set; a configuration file must name its database, such as "
                              "sqlite:///var/lib/poblysh/poblysh.db or postgresql://… (the default "
                              "sqlite://data/poblysh.db is for trying the service without one)"));
  }
  if (!config.database_url.starts_with("sqlite://") && !config.database_url.starts_with("postgresql://") &&
      !config.database_url.starts_with("postgres://")) {
    return tl::unexpected(bad("database.url", "expected sqlite:///path/to.db or postgresql://…"));
  }
  if (instance_requests_per_minute(config) < 1) {
    return tl::unexpected(bad("calcom.request_share",
                              "requests_per_minute × request_share leaves this instance less "
                              "than one request a minute; raise the share"));
  }
  if (!config.calcom_base_url.starts_with("https://") && !config.calcom_base_url.starts_with("http://")) {
    return tl::unexpected(bad("calcom.base_url", "expected an http(s):// URL"));
  }
  return config;
}

}  // namespace poblysh::app
