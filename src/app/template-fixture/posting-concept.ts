// A concept in the template's style: MongoDB-driver collections, `freshID`,
// `{ error }` results, `_queries` returning arrays. Only imports differ.

import type { Collection, Db, ID } from "../../store/index.ts";
import { freshID } from "../../store/index.ts";

type User = ID;
type Post = ID;
interface PostDoc {
  _id: Post;
  author: User;
  content: string;
  createdAt: number;
}

export default class PostingConcept {
  posts: Collection<PostDoc>;
  constructor(private readonly db: Db) {
    this.posts = this.db.collection("Posting.posts");
  }
  async createPost({ author, content }: { author: User; content: string }): Promise<{ post: Post } | { error: string }> {
    if (!content) return { error: "Post content cannot be empty" };
    const post = freshID() as Post;
    await this.posts.insertOne({ _id: post, author, content, createdAt: Date.now() });
    return { post };
  }
  async _getPostsByAuthor({ author }: { author: User }): Promise<{ post: Post; content: string }[]> {
    const docs = await this.posts.find({ author }).sort({ createdAt: 1 }).toArray();
    return docs.map((d) => ({ post: d._id, content: d.content }));
  }
}
