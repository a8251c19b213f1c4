// What the window's own code imports as 'react' in the built bundle (electron.vite.config.ts
// points it here). React ships CommonJS, so a plain import leaves every call as `(0,d.useState)(…)`
// on the interop object; naming each export once as a constant lets the minifier call it by a
// one-letter name. Same functions, ~2 kB less to parse. Add a name here when the code needs one:
// the build fails with MISSING_EXPORT until it is.
import * as React from 'react';

export const Fragment = React.Fragment;
export const StrictMode = React.StrictMode;
export const createContext = React.createContext;
export const useCallback = React.useCallback;
export const useContext = React.useContext;
export const useEffect = React.useEffect;
export const useId = React.useId;
export const useMemo = React.useMemo;
export const useRef = React.useRef;
export const useState = React.useState;
