// Stand-in for the 'electron' module in Node tests. Anything that reaches it
// at runtime is a boundary violation: services must not touch Electron.
const fail = (): never => {
  throw new Error('electron is not available in Node tests; inject the capability instead');
};
export const app = new Proxy({}, { get: fail });
export const ipcMain = new Proxy({}, { get: fail });
export default new Proxy({}, { get: fail });
