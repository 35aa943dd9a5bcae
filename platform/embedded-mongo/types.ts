export type EmbeddedBackend = "mongodb-memory-server" | "ferretdb";

export interface EmbeddedMongo {
  uri: string;
  backend: EmbeddedBackend;
  stop(): Promise<void>;
}
