#include "thread_pool.h"

#include <cstdlib>

#include "args.h"
#include "registry.h"

namespace cgnas {

namespace {
thread_local bool tInsideTask = false;

int defaultThreads() {
  int hw = static_cast<int>(std::thread::hardware_concurrency());
  if (hw <= 0) hw = 1;
  if (const char* env = std::getenv("CGNAS_THREADS")) {
    int n = std::atoi(env);
    if (n > 0) return n < hw ? n : hw;
  }
  return hw;
}
}  // namespace

ThreadPool& ThreadPool::instance() {
  static ThreadPool pool;
  return pool;
}

ThreadPool::ThreadPool() { threads_.store(defaultThreads()); }

ThreadPool::~ThreadPool() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  for (auto& t : workers_) {
    if (t.joinable()) t.join();
  }
}

void ThreadPool::setThreads(int n) {
  if (n < 1) n = 1;
  if (n > 64) n = 64;
  threads_.store(n);
}

void ThreadPool::ensureWorkers(int n) {
  // Called with runMutex_ held: only one parallelFor grows the pool at a time.
  while (static_cast<int>(workers_.size()) < n) {
    int id = static_cast<int>(workers_.size()) + 1;
    workers_.emplace_back([this, id] { workerLoop(id); });
  }
}

void ThreadPool::workerLoop(int worker) {
  unsigned long seen = 0;
  for (;;) {
    const std::function<void(size_t, int)>* job;
    size_t tasks;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [&] { return stop_ || (generation_ != seen && worker <= jobWorkers_); });
      if (stop_) return;
      seen = generation_;
      job = job_;
      tasks = jobTasks_;
    }
    tInsideTask = true;
    for (size_t t = next_.fetch_add(1); t < tasks; t = next_.fetch_add(1)) (*job)(t, worker);
    tInsideTask = false;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (--pending_ == 0) done_.notify_all();
    }
  }
}

void ThreadPool::parallelFor(size_t tasks, const std::function<void(size_t, int)>& fn) {
  parallelFor(tasks, threads(), fn);
}

void ThreadPool::parallelFor(size_t tasks, int maxThreads, const std::function<void(size_t, int)>& fn) {
  if (tasks == 0) return;
  int n = maxThreads < threads() ? maxThreads : threads();
  if (n > static_cast<int>(tasks)) n = static_cast<int>(tasks);
  if (n <= 1 || tInsideTask) {
    for (size_t t = 0; t < tasks; ++t) fn(t, 0);
    return;
  }
  std::lock_guard<std::mutex> run(runMutex_);
  ensureWorkers(n - 1);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    job_ = &fn;
    jobTasks_ = tasks;
    jobWorkers_ = n - 1;
    next_.store(0);
    pending_ = n - 1;
    ++generation_;
  }
  wake_.notify_all();
  tInsideTask = true;
  for (size_t t = next_.fetch_add(1); t < tasks; t = next_.fetch_add(1)) fn(t, 0);
  tInsideTask = false;
  std::unique_lock<std::mutex> lock(mutex_);
  done_.wait(lock, [&] { return pending_ == 0; });
  job_ = nullptr;
}

namespace {
Napi::Value SetThreads(const Napi::CallbackInfo& info) {
  int64_t n = intArg(info, 0, "setThreads", "threads");
  ThreadPool::instance().setThreads(static_cast<int>(n));
  return Napi::Number::New(info.Env(), ThreadPool::instance().threads());
}
Napi::Value GetThreads(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), ThreadPool::instance().threads());
}
}  // namespace

CGNAS_REGISTER(setThreads, SetThreads);
CGNAS_REGISTER(getThreads, GetThreads);

}  // namespace cgnas
