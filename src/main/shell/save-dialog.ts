// "Save Diagnostics…": the native save dialog, suggesting the Desktop, so the user sees (and
// chooses) where the support file goes. The services write it; this only asks where.
import { app, BrowserWindow, dialog, type WebContents } from 'electron';
import path from 'node:path';

/** `contents`: the window's WebContents, so the dialog is a sheet on it when it is open. */
export function diagnosticsFileChooser(contents: () => WebContents | undefined) {
  return async (suggestedName: string): Promise<string | undefined> => {
    const options = {
      title: 'Save Diagnostics',
      buttonLabel: 'Save',
      defaultPath: path.join(app.getPath('desktop'), suggestedName),
      filters: [{ name: 'JSON', extensions: ['json'] }],
    };
    const open = contents();
    const window = open ? BrowserWindow.fromWebContents(open) : null;
    const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? undefined : result.filePath;
  };
}
