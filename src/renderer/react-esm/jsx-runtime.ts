// The JSX runtime as the window's own code sees it in the built bundle (see ./react.ts for why):
// with ~530 elements, `(0,p.jsx)(` on the CommonJS interop object costs ~5 kB over a plain `x(`.
import * as runtime from 'react/jsx-runtime';

export const Fragment = runtime.Fragment;
export const jsx = runtime.jsx;
export const jsxs = runtime.jsxs;
