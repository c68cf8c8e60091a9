// The few parts of ssh2-sftp-client (which ships no types) the SFTP protocol uses.
declare module 'ssh2-sftp-client' {
  import type { ConnectConfig } from 'ssh2';
  import type { Readable } from 'node:stream';

  interface FileInfo {
    type: 'd' | '-' | 'l';
    name: string;
    size: number;
    modifyTime: number;
  }
  interface FileStats {
    mode: number;
    size: number;
    modifyTime: number;
    isDirectory: boolean;
    isFile: boolean;
  }
  export default class SftpClient {
    constructor(name?: string);
    connect(config: ConnectConfig): Promise<unknown>;
    list(remotePath: string): Promise<FileInfo[]>;
    stat(remotePath: string): Promise<FileStats>;
    exists(remotePath: string): Promise<false | 'd' | '-' | 'l'>;
    createReadStream(remotePath: string, options?: Record<string, unknown>): Readable;
    rename(from: string, to: string): Promise<string>;
    delete(remotePath: string, noErrorOK?: boolean): Promise<string>;
    mkdir(remotePath: string, recursive?: boolean): Promise<string>;
    end(): Promise<boolean>;
  }
}
