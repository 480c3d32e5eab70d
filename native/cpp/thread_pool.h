// A persistent worker pool for the kernels. Spawning threads per call costs tens of microseconds,
// which is the whole budget of a small graph-convolution batch, so workers live for the process.
#pragma once
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace cgnas {

class ThreadPool {
 public:
  static ThreadPool& instance();

  // Threads used by parallelFor (the calling thread counts as one). Capped at 64.
  int threads() const { return threads_.load(); }
  void setThreads(int n);

  // Runs fn(task, worker) for task in [0, tasks) on up to threads() threads; worker < threads().
  // Calls from inside a task run serially on the caller (no nested parallelism).
  void parallelFor(size_t tasks, const std::function<void(size_t, int)>& fn);
  void parallelFor(size_t tasks, int maxThreads, const std::function<void(size_t, int)>& fn);

  ~ThreadPool();

 private:
  ThreadPool();
  void ensureWorkers(int n);
  void workerLoop(int worker);

  std::atomic<int> threads_{1};
  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable done_;
  std::mutex runMutex_;  // one parallelFor at a time
  const std::function<void(size_t, int)>* job_ = nullptr;
  size_t jobTasks_ = 0;
  int jobWorkers_ = 0;  // worker threads (excluding caller) taking part in this job
  std::atomic<size_t> next_{0};
  int pending_ = 0;
  unsigned long generation_ = 0;
  bool stop_ = false;
};

}  // namespace cgnas
