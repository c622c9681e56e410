// The seed app's SessioningConcept, written for the 6.1040 template against
// the MongoDB driver. Only its imports changed: the code below is as it was.

import type { Collection, Db } from "../../store/index.ts"; // was: from "mongodb"
import type { Empty, ID } from "../../store/index.ts"; // was: from "@utils/types.ts"
import { freshID } from "../../store/index.ts"; // was: from "@utils/database.ts"

const PREFIX = "Sessioning" + ".";
type User = ID;
type Session = ID;
interface SessionDoc {
  _id: Session;
  user: User;
}

export default class SessioningConcept {
  public sessions: Collection<SessionDoc>;
  constructor(private readonly db: Db) {
    this.sessions = this.db.collection(PREFIX + "sessions");
  }
  async create({ user }: { user: User }): Promise<{ session: Session }> {
    const newSessionId = freshID() as Session;
    const doc: SessionDoc = { _id: newSessionId, user: user };
    await this.sessions.insertOne(doc);
    return { session: newSessionId };
  }
  async delete({ session }: { session: Session }): Promise<Empty | { error: string }> {
    const result = await this.sessions.deleteOne({ _id: session });
    if (result.deletedCount === 0) {
      return { error: `Session with id ${session} not found` };
    }
    return {};
  }
  async _getUser({ session }: { session: Session }): Promise<Array<{ user: User }> | [{ error: string }]> {
    const sessionDoc = await this.sessions.findOne({ _id: session });
    if (!sessionDoc) {
      return [{ error: `Session with id ${session} not found` }];
    }
    return [{ user: sessionDoc.user }];
  }
}
