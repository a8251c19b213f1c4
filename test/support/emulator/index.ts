// The platform emulator: see README.md.
export { startEmulator } from './server';
export type { EmulatorOptions, RunningEmulator, Exchange } from './server';
export type { Seed } from './seed';
export { parseSeed, loadSeedFile } from './seed';
export type { Fault, FaultOptions } from './faults';
export type { DoctorOptions } from './doctor-options';
export type { StoredEvent } from './state';
export { EmulatorState } from './state';
export { defaultSeed } from './default-seed';
