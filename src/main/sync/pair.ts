// The pair record lives in the store (state.json holds it; the store sits below sync). Re-exported
// here so the engine's files keep naming it from their own folder.
export { appointmentKey, crossLocationKey, icloudItemKey, icloudRefSchema, pairRecordSchema, type IcloudRef, type PairRecord } from '../store/pair-record';
