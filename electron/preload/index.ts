import { contextBridge, ipcRenderer } from 'electron';
import { createClient } from '../../shared/client.ts';

// The page gets typed methods built from the contract; raw ipcRenderer (and its event object) never
// crosses the bridge.
contextBridge.exposeInMainWorld(
  'tgcode',
  createClient((channel, request) => ipcRenderer.invoke(channel, request)),
);
