import type { Connection, InferSchemaType, Model, Schema } from "mongoose";

/** The model of `name` on this connection, defined on first use; models live per connection, never globally. */
export function modelOn<S extends Schema>(conn: Connection, name: string, schema: S): Model<InferSchemaType<S>> {
  const existing = conn.models[name];
  if (existing) return existing as unknown as Model<InferSchemaType<S>>;
  return conn.model(name, schema) as unknown as Model<InferSchemaType<S>>;
}
