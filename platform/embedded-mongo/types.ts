export type EmbeddedBackend = "mongodb-memory-server" | "ferretdb";

export interface EmbeddedMongo {
  uri: string;
  backend: EmbeddedBackend;
  /** The server's process, where there is one of ours (benchmarks read its memory). */
  pid?: number;
  stop(): Promise<void>;
}
