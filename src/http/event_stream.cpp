#include "http/event_stream.hpp"

#include <algorithm>
#include <atomic>
#include <optional>

namespace poblysh::http {
namespace {

// Every builder call runs on the stream's strand, in the order written; the write callbacks,
// on the connection's own thread, only settle the count of bytes waiting.
class ChunkedStream final : public StreamSink, public std::enable_shared_from_this<ChunkedStream> {
 public:
  ChunkedStream(asio::io_context& io_context, std::shared_ptr<void> keep, restinio::request_handle_t handle,
                std::size_t max_pending, std::shared_ptr<OpenStreams::Tally> tally)
      : keep_(std::move(keep)),
        strand_(asio::make_strand(io_context)),
        handle_(std::move(handle)),
        max_pending_(max_pending),
        tally_(std::move(tally)) {
    std::lock_guard lock(tally_->mutex);
    ++tally_->holding;
  }
  ~ChunkedStream() override { let_go(); }
  ChunkedStream(const ChunkedStream&) = delete;
  ChunkedStream& operator=(const ChunkedStream&) = delete;

  void open(const Response& head, const std::vector<std::pair<std::string, std::string>>& every_answer) {
    const restinio::http_status_line_t status{restinio::http_status_code_t{static_cast<std::uint16_t>(head.status)},
                                              "OK"};
    auto headers = every_answer;
    headers.insert(headers.end(), head.headers.begin(), head.headers.end());
    asio::post(strand_, [self = shared_from_this(), status, headers = std::move(headers)] {
      if (!self->handle_) return;
      self->builder_.emplace(self->handle_->create_response<restinio::chunked_output_t>(status));
      for (const auto& [name, value] : headers) self->builder_->append_header(name, value);
      self->builder_->flush(self->settled(0));
    });
  }

  bool write(std::string text) override {
    const std::size_t size = text.size();
    {
      std::lock_guard lock(mutex_);
      if (closed_) return false;
      if (pending_ + size > max_pending_) {
        end();
        return false;
      }
      pending_ += size;
    }
    asio::post(strand_, [self = shared_from_this(), text = std::move(text), size]() mutable {
      if (!self->builder_) return;
      self->builder_->append_chunk(std::move(text));
      self->builder_->flush(self->settled(size));
    });
    return true;
  }

  void close() override {
    std::lock_guard lock(mutex_);
    end();
  }

 private:
  // What a finished write does: frees its bytes, or closes the stream when the client has gone.
  restinio::write_status_cb_t settled(std::size_t size) {
    return [weak = weak_from_this(), size](const asio::error_code& error) {
      auto self = weak.lock();
      if (!self) return;
      std::lock_guard lock(self->mutex_);
      self->pending_ -= std::min(size, self->pending_);
      if (error) self->closed_ = true;
    };
  }

  // mutex_ held. The last chunk, and the connection let go (it may serve the next request); once,
  // also after a failed write closed the stream.
  void end() {
    closed_ = true;
    if (ending_) return;
    ending_ = true;
    asio::post(strand_, [self = shared_from_this()] {
      if (self->builder_) {
        try {
          self->builder_->done();
        } catch (...) {  // the connection has already gone
        }
      }
      self->builder_.reset();
      self->handle_.reset();
      self->let_go();
    });
  }

  // Counted once: the connection is no longer held.
  void let_go() {
    if (let_go_.exchange(true)) return;
    std::lock_guard lock(tally_->mutex);
    --tally_->holding;
    tally_->changed.notify_all();
  }

  std::shared_ptr<void> keep_;  // first: the connection below needs its io_context to close
  asio::strand<asio::io_context::executor_type> strand_;
  restinio::request_handle_t handle_;                                                // the strand only
  std::optional<restinio::response_builder_t<restinio::chunked_output_t>> builder_;  // the strand only
  const std::size_t max_pending_;
  std::mutex mutex_;  // guards the fields below
  std::size_t pending_ = 0;
  bool closed_ = false;  // writes are refused
  bool ending_ = false;  // end() has been posted
  std::shared_ptr<OpenStreams::Tally> tally_;
  std::atomic<bool> let_go_{false};
};

}  // namespace

std::shared_ptr<StreamSink> OpenStreams::open(asio::io_context& io_context, std::shared_ptr<void> keep,
                                              restinio::request_handle_t handle, const Response& head,
                                              const std::vector<std::pair<std::string, std::string>>& every_answer,
                                              std::size_t max_pending) {
  auto stream = std::make_shared<ChunkedStream>(io_context, std::move(keep), std::move(handle), max_pending, tally_);
  stream->open(head, every_answer);
  {
    std::lock_guard lock(mutex_);
    if (!closed_) {
      std::erase_if(streams_, [](const auto& weak) { return weak.expired(); });
      streams_.push_back(stream);
      return stream;
    }
  }
  stream->close();
  return stream;
}

void OpenStreams::close_all(std::chrono::milliseconds wait) {
  std::vector<std::weak_ptr<StreamSink>> streams;
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
    streams.swap(streams_);
  }
  for (const auto& weak : streams) {
    if (auto stream = weak.lock()) stream->close();
  }
  std::unique_lock lock(tally_->mutex);
  tally_->changed.wait_for(lock, wait, [this] { return tally_->holding == 0; });
}

}  // namespace poblysh::http
