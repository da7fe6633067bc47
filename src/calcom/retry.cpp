#include "calcom/retry.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>
#include <string>
#include <thread>

#include <date/date.h>

namespace poblysh::calcom {
namespace {

std::optional<double> parse_number(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  // from_chars for double is available in GCC 11+; it rejects "inf"-like junk we don't want.
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

std::optional<SystemTime> parse_http_date(std::string_view text) {
  std::istringstream stream{std::string(text)};
  date::sys_seconds parsed;
  stream >> date::parse("%a, %d %b %Y %T GMT", parsed);
  if (stream.fail()) return std::nullopt;
  return std::chrono::time_point_cast<SystemTime::duration>(parsed);
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

// A reset value is either "seconds from now" or a Unix time; magnitudes tell them apart
// (no window lasts 30 years; no Unix time is below 1e9 any more).
std::chrono::seconds reset_to_wait(double value, SystemTime now) {
  double now_s = std::chrono::duration<double>(now.time_since_epoch()).count();
  double wait = value;
  if (value > 1e12) {
    wait = value / 1000.0 - now_s;
  } else if (value > 1e9) {
    wait = value - now_s;
  }
  return std::chrono::seconds(static_cast<std::int64_t>(std::ceil(std::max(wait, 0.0))));
}

std::chrono::seconds at_least_one(std::chrono::seconds wait) {
  return std::max(wait, std::chrono::seconds(1));
}

}  // namespace

SystemRandom::SystemRandom() : engine_(std::random_device{}()) {}

double SystemRandom::uniform01() {
  std::lock_guard lock(mutex_);
  return std::uniform_real_distribution<double>(0.0, 1.0)(engine_);
}

void ThreadSleeper::sleep_for(std::chrono::milliseconds duration) {
  if (duration.count() > 0) std::this_thread::sleep_for(duration);
}

std::chrono::milliseconds backoff_delay(int retry, const BackoffPolicy& policy, RandomSource& random) {
  if (retry < 1) retry = 1;
  // Cap the exponent before shifting so large retry numbers cannot overflow.
  double ceiling = static_cast<double>(policy.base.count()) * std::pow(2.0, std::min(retry - 1, 30));
  ceiling = std::min(ceiling, static_cast<double>(policy.cap.count()));
  double fraction = std::clamp(random.uniform01(), 0.0, 1.0);
  return std::chrono::milliseconds(static_cast<std::int64_t>(ceiling * fraction));
}

std::optional<std::chrono::seconds> rate_limit_wait(const HeaderList& headers, SystemTime now) {
  if (auto retry_after = find_header(headers, "Retry-After")) {
    if (auto seconds = parse_number(*retry_after)) {
      return at_least_one(std::chrono::seconds(static_cast<std::int64_t>(std::ceil(std::max(*seconds, 0.0)))));
    }
    if (auto when = parse_http_date(*retry_after)) {
      return at_least_one(std::chrono::ceil<std::chrono::seconds>(std::max(*when - now, SystemTime::duration::zero())));
    }
  }

  // One trio of headers per throttler tier: prefer the tiers that are exhausted, and wait for
  // the slowest of them, since any exhausted tier keeps us blocked.
  constexpr std::string_view kReset = "x-ratelimit-reset-";
  constexpr std::string_view kRemaining = "x-ratelimit-remaining-";
  std::optional<std::chrono::seconds> exhausted_wait;
  std::optional<std::chrono::seconds> any_wait;
  for (const auto& [name, value] : headers) {
    std::string key = lower(name);
    if (key.rfind(kReset, 0) != 0) continue;
    auto number = parse_number(value);
    if (!number) continue;
    std::chrono::seconds wait = reset_to_wait(*number, now);
    any_wait = std::max(any_wait.value_or(wait), wait);
    std::string tier = key.substr(kReset.size());
    auto remaining = find_header(headers, std::string(kRemaining) + tier);
    auto left = remaining ? parse_number(*remaining) : std::nullopt;
    if (left && *left <= 0) exhausted_wait = std::max(exhausted_wait.value_or(wait), wait);
  }
  if (exhausted_wait) return at_least_one(*exhausted_wait);
  if (any_wait) return at_least_one(*any_wait);
  return std::nullopt;
}

}  // namespace poblysh::calcom
