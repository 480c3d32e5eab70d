// @cgnas/boltzmann public API (filled in by its issue).
export {};
