// bench/profile: the webhook ingest benchmark's interviews and signed deliveries, for a client
// that is not C++. Seeds `count` interviews into a migrated, otherwise empty database and writes
// one delivery a line, "<X-Cal-Signature-256>\t<body>", for interviews 1..count in order.
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string>

#include "webhook_traffic.hpp"

int main(int argc, char** argv) {
  try {
    std::string database, out, secret;
    int count = 0;
    for (int i = 1; i + 1 < argc; i += 2) {
      const std::string flag = argv[i], value = argv[i + 1];
      if (flag == "--database")
        database = value;
      else if (flag == "--out")
        out = value;
      else if (flag == "--secret")
        secret = value;
      else if (flag == "--count")
        count = std::stoi(value);
      else
        throw std::runtime_error("unknown flag " + flag);
    }
    if (database.empty() || out.empty() || secret.empty() || count <= 0) {
      throw std::runtime_error("usage: webhook_deliveries --database <migrated.db> --count N --secret S --out <file>");
    }
    poblysh::webhook_traffic::seed_interviews(database, count);
    std::ofstream file(out, std::ios::binary | std::ios::trunc);
    for (const auto& delivery : poblysh::webhook_traffic::make_deliveries(count, secret)) {
      file << delivery.signature << '\t' << delivery.body << '\n';
    }
    if (!file.flush()) throw std::runtime_error("cannot write " + out);
    return 0;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "webhook_deliveries: %s\n", error.what());
    return 2;
  }
}
