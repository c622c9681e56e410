// The seed's SessioningConcept, verbatim apart from its imports (which name
// this store instead of "mongodb" and "@utils/…"): the acceptance test runs it
// on every backend.
import type { Collection, Db } from "../index.ts";
import type { Empty, ID } from "../index.ts";
import { freshID } from "../index.ts";

const PREFIX = "Sessioning" + ".";
type User = ID; type Session = ID;
interface SessionDoc { _id: Session; user: User; }
export default class SessioningConcept {
  public sessions: Collection<SessionDoc>;
  constructor(private readonly db: Db) { this.sessions = this.db.collection(PREFIX + "sessions"); }
  async create({ user }: { user: User }): Promise<{ session: Session }> {
    const newSessionId = freshID() as Session;
    const doc: SessionDoc = { _id: newSessionId, user: user };
    await this.sessions.insertOne(doc);
    return { session: newSessionId };
  }
  async delete({ session }: { session: Session }): Promise<Empty | { error: string }> {
    const result = await this.sessions.deleteOne({ _id: session });
    if (result.deletedCount === 0) { return { error: `Session with id ${session} not found` }; }
    return {};
  }
  async _getUser({ session }: { session: Session }): Promise<Array<{ user: User }> | [{ error: string }]> {
    const sessionDoc = await this.sessions.findOne({ _id: session });
    if (!sessionDoc) { return [{ error: `Session with id ${session} not found` }]; }
    return [{ user: sessionDoc.user }];
  }
}
