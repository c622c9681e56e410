// Comments (docs/endpoints.md): list an article's comments (auth optional),
// add one, delete one's own. The path names the comment under its article:
// a comment of another article is not found there.

import { actions, optional, type Sync } from "ensemble";
import type { ConduitConcepts } from "../concepts.ts";
import { conduitChecks } from "./checks.ts";
import { unpack, validBody } from "./request-body.ts";
import { route } from "./route.ts";
import { commentJson, conduitViews } from "./views.ts";

export function commentSyncs(concepts: ConduitConcepts) {
  const { Requesting, Commenting } = concepts;
  const { signedIn, maybeSignedIn, articleBySlug, commentOnArticle, commentAuthor } = conduitChecks(concepts);
  const view = conduitViews(concepts);

  // ---------------------------------------------------------------- GET /articles/:slug/comments → 200 { comments }
  const listComments = route(Requesting, "GET", "/articles/:slug/comments", (v) => ({ slug: v.slug, token: optional(v.token) }), [maybeSignedIn, articleBySlug]);
  const ListComments: Sync = (v) => ({
    when: actions(listComments.request(v)),
    where: async (frames) => view.comments(await listComments.passing(frames, v), v),
    then: actions([Requesting.respond, { request: v.request, comments: v.comments }]),
  });

  // ---------------------------------------------------------------- POST /articles/:slug/comments { comment: { body } } → 200 { comment }
  const addComment = route(Requesting, "POST", "/articles/:slug/comments", (v) => ({ slug: v.slug, token: v.token, comment: v.input }), [
    signedIn,
    articleBySlug,
    validBody({ name: "comment", fields: { body: "required" } }),
  ]);
  const AddComment: Sync = (v) => ({
    when: actions(addComment.request(v)),
    where: async (frames) => unpack(await addComment.passing(frames, v), v, { body: v.newBody }),
    then: actions([Commenting.create, { target: v.article, author: v.caller, body: v.newBody }]),
  });
  // The spec answers a new comment with 200 (not 201).
  const CommentAdded: Sync = (v) => ({
    when: actions(addComment.request(v), [Commenting.create, { author: v.caller }, { comment: v.comment }]),
    where: (frames) => view.comment(frames, v),
    then: actions([Requesting.respond, { request: v.request, comment: commentJson(v) }]),
  });

  // ---------------------------------------------------------------- DELETE /articles/:slug/comments/:id → 204
  const deleteComment = route(Requesting, "DELETE", "/articles/:slug/comments/:id", (v) => ({ slug: v.slug, id: v.id, token: v.token }), [
    signedIn,
    articleBySlug,
    commentOnArticle,
    commentAuthor,
  ]);
  const DeleteComment: Sync = (v) => ({
    when: actions(deleteComment.request(v)),
    where: (frames) => deleteComment.passing(frames, v),
    then: actions([Commenting.delete, { comment: v.comment }]),
  });
  const CommentDeleted: Sync = (v) => ({
    when: actions(deleteComment.request(v), [Commenting.delete, {}, { comment: v.comment }]),
    then: actions([Requesting.respondWith, { request: v.request, status: 204 }]),
  });

  return {
    ListCommentsRejected: listComments.rejected,
    ListComments,
    AddCommentRejected: addComment.rejected,
    AddComment,
    CommentAdded,
    AddCommentFailed: addComment.failed(Commenting.create),
    DeleteCommentRejected: deleteComment.rejected,
    DeleteComment,
    CommentDeleted,
    // A racing request deleted it between the checks and the delete.
    DeleteCommentFailed: deleteComment.failed(Commenting.delete, { status: 404, message: "comment not found" }),
  };
}
