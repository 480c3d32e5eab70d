// @cgnas/hw-profiler public API (filled in by its issue).
export {};
