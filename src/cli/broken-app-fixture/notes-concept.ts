// A small concept for the deliberately broken app: notes with an owner.
// `_byId` breaks the query contract on purpose (it returns null, not []).

import { freshID, type Collection, type Db, type ID } from "../../store/index.ts";

interface NoteDoc {
  _id: ID;
  owner: ID;
  text: string;
}

export class NotesConcept {
  readonly notes: Collection<NoteDoc>;
  constructor(db: Db) {
    this.notes = db.collection("Notes.notes");
  }

  async add({ owner, text }: { owner: ID; text: string }): Promise<{ note: ID } | { error: string }> {
    if (!text) return { error: "a note needs text" };
    const note = freshID();
    await this.notes.insertOne({ _id: note, owner, text });
    return { note };
  }

  async archive({ note }: { note: ID }): Promise<{ note: ID }> {
    await this.notes.deleteOne({ _id: note });
    return { note };
  }

  async _list({ owner }: { owner: ID }): Promise<{ note: ID; text: string }[]> {
    return (await this.notes.find({ owner }).toArray()).map((d) => ({ note: d._id, text: d.text }));
  }

  // The contract break `ensemble check` finds: a query must return an array of rows.
  async _byId({ note }: { note: ID }): Promise<{ note: ID; text: string }[]> {
    const doc = await this.notes.findOne({ _id: note });
    return (doc ? [{ note: doc._id, text: doc.text }] : null) as unknown as { note: ID; text: string }[];
  }
}
