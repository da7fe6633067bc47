// store: the connections a database opens once and lends to one caller at a time.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

namespace poblysh::store {

// A fixed set of connections. A caller borrows one for as long as its Lease lives, and waits
// while every connection is lent: a connection is never used by two threads at once.
template <class Connection>
class ConnectionPool {
 public:
  class Lease {
   public:
    Lease(ConnectionPool& pool, Connection* connection) : pool_(pool), connection_(connection) {}
    ~Lease() { pool_.give_back(connection_); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Connection& operator*() const { return *connection_; }

   private:
    ConnectionPool& pool_;
    Connection* connection_;
  };

  // At start-up, before anything is lent.
  void add(std::unique_ptr<Connection> connection) {
    idle_.push_back(connection.get());
    connections_.push_back(std::move(connection));
  }

  Lease acquire() {
    std::unique_lock lock(mutex_);
    available_.wait(lock, [this] { return !idle_.empty(); });
    auto* connection = idle_.back();
    idle_.pop_back();
    return Lease(*this, connection);
  }

  // Every connection, lent or not, for set-up that touches each one.
  const std::vector<std::unique_ptr<Connection>>& all() const { return connections_; }

 private:
  void give_back(Connection* connection) {
    {
      std::lock_guard lock(mutex_);
      idle_.push_back(connection);
    }
    available_.notify_one();
  }

  std::vector<std::unique_ptr<Connection>> connections_;
  std::vector<Connection*> idle_;
  std::mutex mutex_;
  std::condition_variable available_;
};

}  // namespace poblysh::store
