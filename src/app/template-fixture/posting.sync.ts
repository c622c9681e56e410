// Syncs written exactly as for the 6.1040 template; only the two imports
// changed ("@engine" and "@concepts").

import { actions, Frames, type Sync } from "../../index.ts"; // was: from "@engine"
import { Posting, Requesting, Sessioning } from "./concepts.ts"; // was: from "@concepts"

export const LoginRequest: Sync = ({ request, user }) => ({
  when: actions([Requesting.request, { path: "/login", user }, { request }]),
  then: actions([Sessioning.create, { user }]),
});

export const LoginResponse: Sync = ({ request, session }) => ({
  when: actions([Requesting.request, { path: "/login" }, { request }], [Sessioning.create, {}, { session }]),
  then: actions([Requesting.respond, { request, session }]),
});

export const CreatePostRequest: Sync = ({ request, session, content, user }) => ({
  when: actions([Requesting.request, { path: "/Posting/createPost", session, content }, { request }]),
  where: async (frames) => {
    frames = await frames.query(Sessioning._getUser, { session }, { user });
    return frames;
  },
  then: actions([Posting.createPost, { author: user, content }]),
});

export const CreatePostResponse: Sync = ({ request, post }) => ({
  when: actions([Requesting.request, { path: "/Posting/createPost" }, { request }], [Posting.createPost, {}, { post }]),
  then: actions([Requesting.respond, { request, post }]),
});

export const CreatePostResponseError: Sync = ({ request, error }) => ({
  when: actions([Requesting.request, { path: "/Posting/createPost" }, { request }], [Posting.createPost, {}, { error }]),
  then: actions([Requesting.respond, { request, error }]),
});

export const GetMyPosts: Sync = ({ request, session, user, post, content, results }) => ({
  when: actions([Requesting.request, { path: "/Posting/_getPostsByAuthor", session }, { request }]),
  where: async (frames) => {
    const originalFrame = frames[0];
    frames = await frames.query(Sessioning._getUser, { session }, { user });
    frames = await frames.query(Posting._getPostsByAuthor, { author: user }, { post, content });
    if (frames.length === 0) {
      const response = { ...originalFrame, [results]: [] };
      return new Frames(response);
    }
    return frames.collectAs([post, content], results);
  },
  then: actions([Requesting.respond, { request, results }]),
});
