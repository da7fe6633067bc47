// http: matches a method and path against the route table ("/api/v1/startups/:id").
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace poblysh::http {

class Router {
 public:
  explicit Router(std::vector<Route> routes);

  struct Match {
    const Handler* handler = nullptr;  // one of these two is set when a route matched
    const AsyncHandler* async_handler = nullptr;
    const StreamHandler* stream_handler = nullptr;  // or this: a stream
    bool waits = false;  // the handler runs on a worker thread (see Route)
    std::map<std::string, std::string> params;
    bool path_exists = false;  // some route has this path with another method: 405, not 404
    std::vector<Method> allowed;  // those methods, for the Allow header
  };
  Match match(Method method, std::string_view path) const;

 private:
  struct CompiledRoute {
    Method method;
    std::vector<std::string> segments;  // ":name" marks a parameter
    Handler handler;
    AsyncHandler async_handler;
    bool waits;
    StreamHandler stream_handler;
  };
  std::vector<CompiledRoute> routes_;
};

}  // namespace poblysh::http
